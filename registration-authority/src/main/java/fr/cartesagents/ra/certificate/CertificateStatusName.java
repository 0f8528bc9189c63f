package fr.cartesagents.ra.certificate;

/**
 * The status column of a certificate: {@code pending} while its serial is reserved and the CA key
 * has not signed yet (or the signature was lost), {@code good} once signed and stored, {@code revoked}
 * for good (from either).
 */
public enum CertificateStatusName {
    PENDING, GOOD, REVOKED;

    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CertificateStatusName ofColumn(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
