package fr.cartesagents.ra.certificate;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ca.status.RevocationReason;

/** A row of the {@code certificate} table: a certificate this CA issued and its current status. */
public record CertificateRecord(BigInteger serial, String caId, String profile, String subject, Optional<String> holderId,
                                Instant notBefore, Instant notAfter, byte[] der, CertificateStatusName status,
                                Optional<Instant> revokedAt, Optional<RevocationReason> revocationReason,
                                Optional<Instant> invalidityDate) {

    public CertificateRecord {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(status, "status");
        der = der.clone();
    }

    public String serialHex() {
        return SerialHex.toHex(serial);
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** The status as OCSP reports it. */
    public CertificateStatus ocspStatus() {
        return status == CertificateStatusName.REVOKED
                ? new CertificateStatus.Revoked(revokedAt.orElseThrow(), revocationReason.orElseThrow(), invalidityDate)
                : CertificateStatus.good();
    }
}
