package fr.cartesagents.ra.card;

import java.time.Instant;
import java.util.UUID;

import fr.cartesagents.ra.web.Versioned;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A card as the API shows it; {@code authenticationCertificatePem} and {@code signatureCertificatePem}
 * only on the card's own page (so that a bridge that lost the answer of a personalization can still
 * write them next to the keys it made), not in lists. The ends of both certificates and the moment
 * their renewal opens are in every view, so that a page says in advance when the holder may renew.
 * {@code pinBlockedSince}: since when the holder's PIN is known to be blocked (an unblock was asked
 * and has not completed), else null.
 */
public record CardView(UUID id, UUID orderId, String cardSerial, String atr, String cardProfile, UUID personId,
                       UUID collectivityId, String state, Instant personalizedAt,
                       @Schema(description = "End of the card's 6 years (its certificates never end later)") Instant expiresAt,
                       Instant deliveredAt, Instant activatedAt, Instant revokedAt, String revocationReason, String authenticationSerial,
                       String signatureSerial, String authenticationCertificatePem, String signatureCertificatePem,
                       long version, Instant pinBlockedSince,
                       @Schema(description = "notAfter of the card's current authentication certificate")
                       Instant authenticationNotAfter,
                       @Schema(description = "notAfter of the card's current signature certificate")
                       Instant signatureNotAfter,
                       @Schema(description = "When the holder may renew the certificates on this card (cartes.renewal.window before"
                               + " authenticationNotAfter); null when it never will: a revoked or expired card, or one whose own end"
                               + " comes first (replaced by a new order)", nullable = true)
                       Instant renewableFrom) implements Versioned {

    /** The two certificates of a card as its views show them; a PEM is null in lists. */
    record Certificates(Instant authenticationNotAfter, Instant signatureNotAfter, Instant renewableFrom, String authenticationPem,
                        String signaturePem) {
    }

    static CardView of(Card card, Certificates certificates) {
        return new CardView(card.id(), card.orderId(), card.cardSerial(), card.atr().orElse(null), card.profile().databaseName(),
                card.personId(), card.collectivityId(), card.state().databaseName(), card.personalizedAt(), card.expiresAt(),
                card.deliveredAt().orElse(null), card.activatedAt().orElse(null), card.revokedAt().orElse(null),
                card.revocationReason().orElse(null), card.authenticationSerial(), card.signatureSerial(),
                certificates.authenticationPem(), certificates.signaturePem(), card.version(), card.pinBlockedSince().orElse(null),
                certificates.authenticationNotAfter(), certificates.signatureNotAfter(), certificates.renewableFrom());
    }
}
