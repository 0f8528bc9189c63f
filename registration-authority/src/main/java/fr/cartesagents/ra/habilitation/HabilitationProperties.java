package fr.cartesagents.ra.habilitation;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cartes.habilitation.*}: the key that signs habilitation statements and their lifetime.
 *
 * @param signing           the PKCS#12 key store holding the EC P-256 signing key; required by the
 *                          {@code production} profile, generated in the data directory otherwise
 * @param statementLifetime how long a statement is valid (default 2 minutes, at most 5)
 * @param issuer            the {@code iss} claim of the statements
 */
@ConfigurationProperties("cartes.habilitation")
public record HabilitationProperties(@DefaultValue Signing signing,
                                     @DefaultValue("PT2M") Duration statementLifetime,
                                     @DefaultValue("urn:cartes-agents:registration-authority") String issuer) {

    /** The longest a statement may live: an offline verifier learns of a revocation or a departure only when it expires. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    public HabilitationProperties {
        if (statementLifetime.isNegative() || statementLifetime.isZero() || statementLifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("cartes.habilitation.statement-lifetime must be more than 0 and at most "
                    + MAX_LIFETIME + ", not " + statementLifetime);
        }
    }

    /**
     * @param keyStore         PKCS#12 file
     * @param keyStorePassword its password (also the key's)
     * @param keyAlias         the entry of the key (default {@code habilitation})
     */
    public record Signing(Path keyStore, String keyStorePassword, @DefaultValue("habilitation") String keyAlias) {

        @Override
        public String toString() {
            return "Signing[keyStore=" + keyStore + ", keyStorePassword=" + (keyStorePassword == null ? "null" : "***")
                    + ", keyAlias=" + keyAlias + "]";
        }
    }
}
