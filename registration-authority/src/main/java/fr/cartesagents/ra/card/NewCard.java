package fr.cartesagents.ra.card;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A card whose two certificates were just signed, as the personalization records it. */
public record NewCard(UUID orderId, String cardSerial, Optional<String> atr, CardProfile profile, UUID personId,
                      UUID collectivityId, String authenticationSerial, String signatureSerial, Instant personalizedAt) {

    public NewCard {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(cardSerial, "cardSerial");
        Objects.requireNonNull(atr, "atr");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(collectivityId, "collectivityId");
        Objects.requireNonNull(authenticationSerial, "authenticationSerial");
        Objects.requireNonNull(signatureSerial, "signatureSerial");
        Objects.requireNonNull(personalizedAt, "personalizedAt");
    }
}
