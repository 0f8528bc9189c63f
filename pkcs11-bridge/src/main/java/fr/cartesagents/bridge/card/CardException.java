package fr.cartesagents.bridge.card;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A card operation that failed for a reason the caller can act on. The message is for a person
 * and never holds a PIN; {@link #triesLeft()} is set for a wrong PIN or unblock secret.
 */
public final class CardException extends RuntimeException {

    private final CardFailure failure;
    private final OptionalInt triesLeft;

    public CardException(CardFailure failure, String message) {
        this(failure, message, OptionalInt.empty(), null);
    }

    public CardException(CardFailure failure, String message, Throwable cause) {
        this(failure, message, OptionalInt.empty(), cause);
    }

    public CardException(CardFailure failure, String message, OptionalInt triesLeft, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.triesLeft = Objects.requireNonNull(triesLeft, "triesLeft");
    }

    public static CardException wrongPin(int triesLeft) {
        return new CardException(CardFailure.WRONG_PIN,
                "Wrong PIN: " + triesLeft + (triesLeft == 1 ? " try" : " tries") + " left before the card blocks",
                OptionalInt.of(triesLeft), null);
    }

    public CardFailure failure() {
        return failure;
    }

    public OptionalInt triesLeft() {
        return triesLeft;
    }
}
