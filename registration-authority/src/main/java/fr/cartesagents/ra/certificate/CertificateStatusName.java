package fr.cartesagents.ra.certificate;

/** The status column of a certificate: {@code good} until revoked, then {@code revoked} for good. */
public enum CertificateStatusName {
    GOOD, REVOKED;

    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CertificateStatusName ofColumn(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
