package fr.cartesagents.ra.certificate;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ca.status.RevocationReason;

/**
 * A row of the {@code certificate} table: a certificate this CA issued, or a serial reserved for one
 * (no DER yet), and its current status.
 */
public record CertificateRecord(BigInteger serial, String caId, String profile, String subject, Optional<String> holderId,
                                Instant notBefore, Instant notAfter, Optional<byte[]> der, CertificateStatusName status,
                                Optional<Instant> revokedAt, Optional<RevocationReason> revocationReason,
                                Optional<Instant> invalidityDate) {

    public CertificateRecord {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(status, "status");
        der = der.map(byte[]::clone);
    }

    public String serialHex() {
        return SerialHex.toHex(serial);
    }

    @Override
    public Optional<byte[]> der() {
        return der.map(byte[]::clone);
    }

    /** The status as OCSP reports it: "good" only for a certificate issued (RFC 6960 §2.2), so not while pending. */
    public CertificateStatus ocspStatus() {
        return switch (status) {
            case REVOKED -> new CertificateStatus.Revoked(revokedAt.orElseThrow(), revocationReason.orElseThrow(), invalidityDate);
            case GOOD -> CertificateStatus.good();
            case PENDING -> CertificateStatus.unknown();
        };
    }
}
