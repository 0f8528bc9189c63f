package fr.cartesagents.ra.unblock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import fr.cartesagents.ra.RegistrationAuthorityApplication;
import fr.cartesagents.ra.config.MissingSettingsException;

/**
 * Production keeps the card master key in the HSM: the start-up check names {@code cartes.card-secrets.*}
 * with the other missing production settings, refuses a {@code file} master key, and creates none.
 */
class CardSecretsProductionTest {

    @TempDir
    Path dataDirectory;

    @Test
    void whenProductionStartsWithoutCardSecretsInTheHsm_thenItRefusesAndNamesThemWithTheOthers() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(RegistrationAuthorityApplication.class)
                .profiles("production")
                .run("--cartes.data-dir=" + dataDirectory, "--server.port=0", "--cartes.api.port=0").close())
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("cartes.card-secrets.type = pkcs11")
                .hasMessageContaining("cartes.card-secrets.module")
                .hasMessageContaining("cartes.card-secrets.pin")
                .hasMessageContaining("spring.r2dbc.url");
        assertThat(dataDirectory).as("no master key file created").isEmptyDirectory();
    }

    @Test
    void whenProductionIsGivenAFileMasterKey_thenItRefusesToStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(RegistrationAuthorityApplication.class)
                .profiles("production")
                .run("--cartes.data-dir=" + dataDirectory, "--server.port=0", "--cartes.api.port=0",
                        "--cartes.card-secrets.type=file", "--cartes.card-secrets.file=" + dataDirectory.resolve("master-key.hex"))
                        .close())
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("cartes.card-secrets.type = pkcs11 (a file master key is refused in production)");
        assertThat(dataDirectory).isEmptyDirectory();
    }

    @Test
    void whenTheMasterKeyIsInAnHsmToken_thenNothingOfTheCardSecretsIsMissing() {
        Binder complete = new Binder(new MapConfigurationPropertySource(Map.of("cartes.card-secrets.type", "pkcs11",
                "cartes.card-secrets.module", "/usr/lib/softhsm/libsofthsm2.so", "cartes.card-secrets.token-label", "AC ACT",
                "cartes.card-secrets.pin", "1234")));
        assertThat(new CardSecretsProductionSettings().missing(complete)).isEmpty();
        Binder withoutPin = new Binder(new MapConfigurationPropertySource(Map.of("cartes.card-secrets.type", "pkcs11",
                "cartes.card-secrets.module", "/usr/lib/softhsm/libsofthsm2.so", "cartes.card-secrets.token-label", "AC ACT")));
        assertThat(new CardSecretsProductionSettings().missing(withoutPin)).containsExactly("cartes.card-secrets.pin");
    }
}
