package fr.cartesagents.bridge.personalization;

import java.util.Objects;

import fr.cartesagents.bridge.card.CardException;

/**
 * The card holds both certificates, but its unblock secret is still not the card's own PUK: the
 * card refused the configured transport secret, or left the reader, at the last step of the
 * personalization. Running the personalization again with {@code --resume} (and the right transport
 * secret) finishes it.
 */
public final class UnblockSecretNotReplaced extends RuntimeException {

    private final CardException cardFailure;

    public UnblockSecretNotReplaced(CardException cardFailure) {
        super("The certificates are on the card, but its unblock code is not replaced yet: " + cardFailure.getMessage()
                + ". Check the transport unblock code of the card batch, then resume the personalization", cardFailure);
        this.cardFailure = Objects.requireNonNull(cardFailure, "cardFailure");
    }

    /** What the card answered. */
    public CardException cardFailure() {
        return cardFailure;
    }
}
