package fr.cartesagents.ra.order;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a personalization: the card and its two certificates, which the bridge writes next
 * to their keys. Stored as the idempotent response, so it holds nothing secret; the card's unblock
 * secret is added to each answer as it leaves ({@link PersonalizationController}).
 */
public record PersonalizationView(UUID cardId, UUID orderId, String cardSerial, String authenticationSerial,
                                  String authenticationCertificatePem, String signatureSerial, String signatureCertificatePem,
                                  Instant expiresAt) {
}
