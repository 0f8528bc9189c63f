package fr.cartesagents.ra.card;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A smart card of the service: the chip ({@code cardSerial}, {@code atr}), what it was personalized
 * as, whose it is and for which collectivity, its two certificates (by serial, lowercase hex), and
 * where it is in its life, and since when its PIN is known to be blocked (an unblock was asked and
 * has not completed). A card lasts 6 years from personalization; its certificates 3 years
 * (renewed on the card).
 */
public record Card(UUID id, UUID orderId, String cardSerial, Optional<String> atr, CardProfile profile, UUID personId,
                   UUID collectivityId, String authenticationSerial, String signatureSerial, CardState state,
                   Instant personalizedAt, Instant expiresAt, Optional<Instant> deliveredAt, Optional<Instant> activatedAt,
                   Optional<Instant> revokedAt, Optional<String> revocationReason, long version,
                   Optional<Instant> pinBlockedSince) {

    /** Art. V of the CARTES convention: cards are renewed after 6 years. */
    public static final java.time.Period LIFETIME = java.time.Period.ofYears(6);

    public Card {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(cardSerial, "cardSerial");
        Objects.requireNonNull(atr, "atr");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(collectivityId, "collectivityId");
        Objects.requireNonNull(authenticationSerial, "authenticationSerial");
        Objects.requireNonNull(signatureSerial, "signatureSerial");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(personalizedAt, "personalizedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(activatedAt, "activatedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(revocationReason, "revocationReason");
        Objects.requireNonNull(pinBlockedSince, "pinBlockedSince");
    }

    /** The expiry of a card personalized at {@code personalizedAt} (calendar years, UTC). */
    public static Instant expiryOf(Instant personalizedAt) {
        return personalizedAt.atOffset(java.time.ZoneOffset.UTC).plus(LIFETIME).toInstant();
    }
}
