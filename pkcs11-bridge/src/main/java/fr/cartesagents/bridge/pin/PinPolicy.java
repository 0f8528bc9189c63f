package fr.cartesagents.bridge.pin;

import java.util.Arrays;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.Pin;

/**
 * What a new PIN must look like before it goes to the card: digits only (IAS-ECC pads digits, and a
 * PIN pad has nothing else), between {@link #minLength()} and {@link #maxLength()} of them, and not
 * one that an onlooker or a thief tries first: the same digit repeated, a run up or down (1234,
 * 8765), or the PIN it replaces. A refusal says which rule failed, never the PIN.
 */
public record PinPolicy(int minLength, int maxLength) {

    /** 4 to 8 digits, as on the IAS-ECC cards of local-authority agents. */
    public static final PinPolicy STANDARD = new PinPolicy(4, 8);

    public PinPolicy {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("A PIN policy needs 1 <= minLength <= maxLength");
        }
    }

    /**
     * @throws CardException {@link CardFailure#PIN_POLICY} naming the rule {@code replacement} breaks
     */
    public void check(Pin replacement) {
        char[] digits = replacement.toChars();
        try {
            checkDigits(digits);
        } finally {
            Arrays.fill(digits, '\0');
        }
    }

    /** {@link #check(Pin)}, and the new PIN must differ from the current one. */
    public void check(Pin current, Pin replacement) {
        check(replacement);
        char[] before = current.toChars();
        char[] after = replacement.toChars();
        try {
            if (Arrays.equals(before, after)) {
                throw refused("The new PIN is the same as the current one: choose another");
            }
        } finally {
            Arrays.fill(before, '\0');
            Arrays.fill(after, '\0');
        }
    }

    private void checkDigits(char[] digits) {
        if (digits.length < minLength || digits.length > maxLength) {
            throw refused("A PIN has " + minLength + " to " + maxLength + " digits; this one has " + digits.length);
        }
        for (char c : digits) {
            if (c < '0' || c > '9') {
                throw refused("A PIN has digits only (0 to 9)");
            }
        }
        if (constantStep(digits, 0)) {
            throw refused("A PIN may not repeat one digit all along: choose another");
        }
        if (constantStep(digits, 1) || constantStep(digits, -1)) {
            throw refused("A PIN may not be a run of consecutive digits, up or down: choose another");
        }
    }

    private static boolean constantStep(char[] digits, int step) {
        for (int i = 1; i < digits.length; i++) {
            if (digits[i] - digits[i - 1] != step) {
                return false;
            }
        }
        return true;
    }

    private static CardException refused(String message) {
        return new CardException(CardFailure.PIN_POLICY, message);
    }
}
