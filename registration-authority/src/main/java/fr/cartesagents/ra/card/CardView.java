package fr.cartesagents.ra.card;

import java.time.Instant;
import java.util.UUID;

import fr.cartesagents.ra.web.Versioned;

/**
 * A card as the API shows it; {@code authenticationCertificatePem} and {@code signatureCertificatePem}
 * only on the card's own page (so that a bridge that lost the answer of a personalization can still
 * write them next to the keys it made), not in lists. {@code pinBlockedSince}: since when the holder's
 * PIN is known to be blocked (an unblock was asked and has not completed), else null.
 */
public record CardView(UUID id, UUID orderId, String cardSerial, String atr, String cardProfile, UUID personId,
                       UUID collectivityId, String state, Instant personalizedAt, Instant expiresAt, Instant deliveredAt,
                       Instant activatedAt, Instant revokedAt, String revocationReason, String authenticationSerial,
                       String signatureSerial, String authenticationCertificatePem, String signatureCertificatePem,
                       long version, Instant pinBlockedSince) implements Versioned {

    static CardView of(Card card, String authenticationPem, String signaturePem) {
        return new CardView(card.id(), card.orderId(), card.cardSerial(), card.atr().orElse(null), card.profile().databaseName(),
                card.personId(), card.collectivityId(), card.state().databaseName(), card.personalizedAt(), card.expiresAt(),
                card.deliveredAt().orElse(null), card.activatedAt().orElse(null), card.revokedAt().orElse(null),
                card.revocationReason().orElse(null), card.authenticationSerial(), card.signatureSerial(), authenticationPem,
                signaturePem, card.version(), card.pinBlockedSince().orElse(null));
    }

    static CardView summary(Card card) {
        return of(card, null, null);
    }
}
