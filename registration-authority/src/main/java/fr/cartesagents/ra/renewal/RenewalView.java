package fr.cartesagents.ra.renewal;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a renewal: the card's two new certificates, which the bridge writes next to their
 * keys, and the serials of the two it superseded (revoked, reason superseded). Stored as the
 * idempotent response: nothing secret.
 */
record RenewalView(UUID cardId, String cardSerial, String authenticationSerial, String authenticationCertificatePem,
                   String signatureSerial, String signatureCertificatePem, Instant certificatesExpireAt,
                   String supersededAuthenticationSerial, String supersededSignatureSerial) {
}
