package fr.cartesagents.ca.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What the CA knows of one certificate it issued, as OCSP reports it (RFC 6960 section 2.2). */
public sealed interface CertificateStatus {

    /** Issued by this CA and not revoked. */
    record Good() implements CertificateStatus {
    }

    /** Revoked at {@code revocationTime}; {@code invalidityDate} is when the key is known to have been unsafe, if known. */
    record Revoked(Instant revocationTime, RevocationReason reason, Optional<Instant> invalidityDate)
            implements CertificateStatus {
        public Revoked {
            Objects.requireNonNull(revocationTime, "revocationTime");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(invalidityDate, "invalidityDate");
        }
    }

    /** Not a serial this CA issued. */
    record Unknown() implements CertificateStatus {
    }

    static CertificateStatus good() {
        return new Good();
    }

    static CertificateStatus unknown() {
        return new Unknown();
    }
}
