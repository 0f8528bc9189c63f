package fr.cartesagents.ca.status;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One entry of a CRL. */
public record RevokedCertificate(BigInteger serialNumber, Instant revocationTime, RevocationReason reason,
                                 Optional<Instant> invalidityDate) {

    public RevokedCertificate {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(revocationTime, "revocationTime");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(invalidityDate, "invalidityDate");
    }
}
