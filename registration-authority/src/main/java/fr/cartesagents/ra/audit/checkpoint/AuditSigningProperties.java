package fr.cartesagents.ra.audit.checkpoint;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cartes.audit.signing.*}: where the audit signing key is kept (required by the production
 * profile; {@code <data-dir>/audit/audit-signer.p12} otherwise).
 *
 * @param keyStore         PKCS#12 file, created there at the first start
 * @param keyStorePassword its password
 */
@ConfigurationProperties("cartes.audit.signing")
public record AuditSigningProperties(String keyStore, String keyStorePassword) {

    public AuditSigningProperties {
        keyStore = keyStore == null ? "" : keyStore;
        keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
    }

    @Override
    public String toString() {
        return "AuditSigningProperties[keyStore=" + keyStore + ", keyStorePassword=" + (keyStorePassword.isEmpty() ? "" : "***") + "]";
    }
}
