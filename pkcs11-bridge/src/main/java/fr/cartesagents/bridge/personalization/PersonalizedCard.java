package fr.cartesagents.bridge.personalization;

import java.util.Objects;

/** A personalized card: its serial, what the registration authority issued for it, and what became of its unblock secret. */
public record PersonalizedCard(String cardSerial, IssuedPair issued, UnblockSecretReplacement.Outcome unblockSecret) {

    public PersonalizedCard {
        Objects.requireNonNull(cardSerial, "cardSerial");
        Objects.requireNonNull(issued, "issued");
        Objects.requireNonNull(unblockSecret, "unblockSecret");
    }
}
