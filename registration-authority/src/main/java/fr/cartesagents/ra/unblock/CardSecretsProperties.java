package fr.cartesagents.ra.unblock;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cartes.card-secrets.*}: where the master key of the per-card unblock secrets lives.
 * {@code pkcs11} (production): an HMAC secret key of an HSM token, used in place (CKM_SHA256_HMAC);
 * {@code file} (development and demo): 64 hexadecimal digits in a file, created on first start
 * under the data directory when {@code file} is not set.
 *
 * @param type        {@code file} or {@code pkcs11}
 * @param file        the key file (type file)
 * @param module      the PKCS#11 library (type pkcs11)
 * @param tokenLabel  the token's label
 * @param pin         the token's user PIN (from a secret store or the environment)
 * @param keyAlias    the label of the HMAC key in the token
 */
@ConfigurationProperties("cartes.card-secrets")
public record CardSecretsProperties(@DefaultValue("file") String type, Path file, Path module, String tokenLabel, String pin,
                                    @DefaultValue("card-master-key") String keyAlias) {

    @Override
    public String toString() {
        return "CardSecretsProperties[type=" + type + ", file=" + file + ", module=" + module + ", tokenLabel=" + tokenLabel
                + ", keyAlias=" + keyAlias + ", pin hidden]";
    }
}
