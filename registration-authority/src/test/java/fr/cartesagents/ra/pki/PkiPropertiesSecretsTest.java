package fr.cartesagents.ra.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class PkiPropertiesSecretsTest {

    @Test
    void whenATokenIsPrinted_thenItsPinAndPasswordDoNotAppear() {
        PkiProperties.Token token = new PkiProperties.Token("pkcs11", Path.of("/usr/lib/hsm.so"), "AC ACT", "pin-123456",
                Path.of("act.p12"), "password-abcdef");

        assertThat(token.toString()).doesNotContain("pin-123456", "password-abcdef").contains("AC ACT");
    }

    @Test
    void whenTlsSettingsArePrinted_thenTheKeyStorePasswordDoesNotAppear() {
        PkiProperties.Tls tls = new PkiProperties.Tls(Path.of("tls.p12"), "keystore-secret", List.of("ra.example"));

        assertThat(tls.toString()).doesNotContain("keystore-secret").contains("ra.example");
    }

    @Test
    void whenACaIsPrinted_thenItsTokenSecretsDoNotAppear() {
        PkiProperties.Ca ca = new PkiProperties.Ca(Path.of("act.pem"), new PkiProperties.Token("pkcs12", null, null, null,
                Path.of("act.p12"), "password-abcdef"), "act", null, 0);

        assertThat(ca.toString()).doesNotContain("password-abcdef");
    }
}
