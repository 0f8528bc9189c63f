package fr.cartesagents.ra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class DocumentVaultTest {

    static DocumentVault vault() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new DocumentVault(new SecretKeySpec(key, "AES"));
    }

    final DocumentVault vault = vault();
    final byte[] copy = "scan of an identity card".getBytes(StandardCharsets.UTF_8);

    @Test
    void whenSealedThenOpenedForTheSameRecord_thenTheCopyComesBack_andTheStoredFormHidesIt() {
        byte[] sealed = vault.seal(copy, "hand-over:1");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("identity");
        assertThat(vault.open(sealed, "hand-over:1")).isEqualTo(copy);
        assertThat(vault.seal(copy, "hand-over:1")).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void whenOpenedForAnotherRecord_orAltered_orUnderAnotherKey_thenItDoesNotOpen() {
        byte[] sealed = vault.seal(copy, "hand-over:1");
        assertThatThrownBy(() -> vault.open(sealed, "hand-over:2")).isInstanceOf(IllegalStateException.class);
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(altered, "hand-over:1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> vault().open(sealed, "hand-over:1")).isInstanceOf(IllegalStateException.class);
    }
}
