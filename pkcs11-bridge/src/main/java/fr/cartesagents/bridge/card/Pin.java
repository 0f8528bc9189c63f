package fr.cartesagents.bridge.card;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A PIN, PUK or SO PIN in memory: held as characters so that it can be wiped, never printed
 * ({@link #toString()} is redacted). The owner closes it as soon as the card has it.
 */
public final class Pin implements AutoCloseable {

    private final char[] digits;
    private boolean wiped;

    private Pin(char[] digits) {
        this.digits = digits;
    }

    /** Takes ownership of {@code characters}: they are wiped when this PIN is closed. */
    public static Pin wrap(char[] characters) {
        return new Pin(characters);
    }

    public int length() {
        requireNotWiped();
        return digits.length;
    }

    /** A copy of the characters, for APIs that take a char[] (the caller wipes it). */
    public char[] toChars() {
        requireNotWiped();
        return digits.clone();
    }

    /** The PIN encoded as UTF-8 bytes, for APDUs (the caller wipes the array). */
    public byte[] toUtf8() {
        requireNotWiped();
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(digits));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    /** The characters themselves, without a copy, for policy checks. */
    char charAt(int index) {
        requireNotWiped();
        return digits[index];
    }

    @Override
    public void close() {
        Arrays.fill(digits, '\0');
        wiped = true;
    }

    private void requireNotWiped() {
        if (wiped) {
            throw new IllegalStateException("This PIN was already wiped");
        }
    }

    @Override
    public String toString() {
        return "Pin[redacted]";
    }
}
