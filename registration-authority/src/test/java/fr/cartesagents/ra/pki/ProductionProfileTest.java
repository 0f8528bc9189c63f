package fr.cartesagents.ra.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import fr.cartesagents.ra.RegistrationAuthorityApplication;
import fr.cartesagents.ra.config.MissingSettingsException;

@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTest {

    @TempDir
    Path dataDirectory;

    @Test
    void whenTheProductionProfileLacksItsKeysAndDatabase_thenTheServerRefusesToStartAndNamesWhatIsMissing() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(RegistrationAuthorityApplication.class)
                .profiles("production")
                // Command-line arguments, not default properties: application.yml would override those.
                .run("--cartes.data-dir=" + dataDirectory, "--server.port=0", "--cartes.api.port=0",
                        "--cartes.pki.issuing.certificate=/etc/cartes/act.pem").close())
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("spring.r2dbc.url")
                .hasMessageContaining("spring.r2dbc.username")
                .hasMessageContaining("spring.r2dbc.password")
                .hasMessageContaining("cartes.security.administrator-fingerprints")
                .hasMessageContaining("cartes.pki.public-base-url")
                .hasMessageContaining("cartes.pki.root.certificate")
                .hasMessageContaining("cartes.pki.issuing.token.module")
                .hasMessageContaining("cartes.pki.issuing.token.pin")
                .hasMessageContaining("cartes.pki.ocsp.certificate")
                .hasMessageContaining("cartes.pki.tls.key-store")
                .hasMessageContaining("cartes.audit.signing.key-store")
                .hasMessageContaining("cartes.audit.signing.key-store-password")
                .hasMessageContaining("cartes.habilitation.signing.key-store")
                .hasMessageContaining("cartes.habilitation.signing.key-store-password")
                .hasMessageNotContaining("cartes.pki.issuing.certificate");
        // Nothing was created in its place: no embedded database, no demo PKI.
        assertThat(dataDirectory).isEmptyDirectory();
    }

    /** Issue 16, item 4: one start names everything, once, as a short list rather than a stack trace repeated. */
    @Test
    void theOperatorReadsTheMissingPropertiesOnceWithoutAStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(RegistrationAuthorityApplication.class)
                .profiles("production")
                .run("--cartes.data-dir=" + dataDirectory, "--server.port=0", "--cartes.api.port=0").close())
                .isInstanceOf(MissingSettingsException.class);
        String printed = output.getAll();
        assertThat(printed).contains("required properties are not set:")
                .contains("    cartes.audit.signing.key-store")
                .contains("    cartes.habilitation.signing.key-store")
                .contains("Action:");
        assertThat(printed.split("cartes.habilitation.signing.key-store-password", -1)).hasSize(2);
        assertThat(printed).doesNotContain("\tat org.springframework").doesNotContain("\n\tat ");
    }
}
