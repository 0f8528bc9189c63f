package fr.cartesagents.ra.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import fr.cartesagents.ra.RegistrationAuthorityApplication;

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
                .rootCause()
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
                .hasMessageNotContaining("cartes.pki.issuing.certificate");
        // Nothing was created in its place: no embedded database, no demo PKI.
        assertThat(dataDirectory).isEmptyDirectory();
    }
}
