package fr.cartesagents.ra.revocation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a revocation: the card, now revoked, and the status of each of its two certificates
 * as OCSP and the CRL publish it.
 */
public record CardRevocationView(UUID cardId, String cardSerial, String state, String reason, String rfc5280Reason,
                                 Instant revokedAt, List<CertificateStatus> certificates) {

    public CardRevocationView {
        certificates = List.copyOf(certificates);
    }

    /** {@code usage}: authentication or signature. */
    public record CertificateStatus(String usage, String serial, String status, String revocationReason) {
    }
}
