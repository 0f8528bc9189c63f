package fr.cartesagents.ca.cardsecret;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The PUK of one card: {@value #LENGTH} decimal digits. Eight digits fit every IAS-ECC PIN object
 * (their maximum length is 8 to 16 bytes) and keypads, and give 10^8 values against a counter of a
 * few tries. {@link #toString()} never shows the digits: a PUK that reaches a log is a leak.
 */
public record Puk(String digits) {

    public static final int LENGTH = 8;

    public Puk {
        Objects.requireNonNull(digits, "digits");
        if (digits.length() != LENGTH || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("A PUK has " + LENGTH + " decimal digits");
        }
    }

    /** The digits as a char array, for drivers that wipe what they send. */
    public char[] toChars() {
        return digits.toCharArray();
    }

    /** Compares in constant time, so that a check against an entered PUK leaks nothing by its duration. */
    public boolean matches(char[] entered) {
        return MessageDigest.isEqual(digits.getBytes(StandardCharsets.US_ASCII),
                new String(entered).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "Puk[" + LENGTH + " digits]";
    }
}
