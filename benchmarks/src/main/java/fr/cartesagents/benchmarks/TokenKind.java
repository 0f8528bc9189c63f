package fr.cartesagents.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ca.token.Pkcs11Settings;
import fr.cartesagents.ca.token.Pkcs12CryptoToken;

/**
 * The two kinds of CA token a benchmark runs on. SoftHSM2 needs {@code SOFTHSM2_CONF} in the
 * environment before the JVM loads the module, which {@code benchmarks/run.sh} provides.
 */
public enum TokenKind {
    PKCS12,
    SOFTHSM2;

    private static final Path SOFTHSM_MODULE = Path.of(
            System.getenv().getOrDefault("SOFTHSM2_MODULE", "/usr/lib/softhsm/libsofthsm2.so"));

    /** A fresh, empty token of this kind in a temporary place. */
    public CryptoToken newToken() {
        String secret = UUID.randomUUID().toString();
        try {
            return switch (this) {
                case PKCS12 -> Pkcs12CryptoToken.create(
                        Files.createTempDirectory("bench-p12").resolve("ca.p12"), secret.toCharArray());
                case SOFTHSM2 -> {
                    if (System.getenv("SOFTHSM2_CONF") == null) {
                        throw new IllegalStateException("SOFTHSM2_CONF is not set: run the benchmarks through benchmarks/run.sh");
                    }
                    String label = "bench-" + secret.substring(0, 8);
                    Pkcs11CryptoToken.initializeToken(SOFTHSM_MODULE, label, secret.toCharArray(), secret.toCharArray());
                    yield Pkcs11CryptoToken.open(new Pkcs11Settings(SOFTHSM_MODULE, label, secret.toCharArray()));
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
