package fr.cartesagents.bridge.card;

import java.util.OptionalInt;

/**
 * State of the user PIN. {@code triesLeft} is empty when the middleware only says "low" or
 * "final try" (PKCS#11 token flags) rather than a number.
 */
public record PinStatus(OptionalInt triesLeft, boolean low, boolean finalTry, boolean blocked) {

    public static PinStatus ofTriesLeft(int triesLeft) {
        return new PinStatus(OptionalInt.of(triesLeft), triesLeft < 3, triesLeft == 1, triesLeft == 0);
    }
}
