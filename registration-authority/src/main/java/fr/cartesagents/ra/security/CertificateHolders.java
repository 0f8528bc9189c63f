package fr.cartesagents.ra.security;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

import reactor.core.publisher.Mono;

/**
 * What authentication needs to know of the certificates this server issued, read from the
 * {@code certificate} table by the package that owns it ({@code certificate}, which implements this
 * interface): {@code security} runs no SQL on that table and does not depend on the feature (the
 * feature depends on it).
 */
public interface CertificateHolders {

    /** The record of the certificate with this serial; empty when it was never issued or reserved through this server. */
    Mono<RecordedCertificate> recorded(BigInteger serial);

    /**
     * A certificate as our records know it.
     *
     * @param fingerprintSha256 of the signed certificate; empty while its serial is only reserved
     * @param good              whether it is valid on record (neither revoked nor pending)
     * @param holderId          the directory holder it was issued to; empty for a certificate of no person
     */
    record RecordedCertificate(Optional<String> fingerprintSha256, boolean good, Optional<String> holderId) {

        public RecordedCertificate {
            Objects.requireNonNull(fingerprintSha256, "fingerprintSha256");
            Objects.requireNonNull(holderId, "holderId");
        }
    }
}
