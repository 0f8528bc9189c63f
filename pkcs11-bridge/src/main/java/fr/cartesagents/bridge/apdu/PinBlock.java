package fr.cartesagents.bridge.apdu;

import java.util.Arrays;

import fr.cartesagents.bridge.card.Pin;

/**
 * A PIN or PUK as it travels in VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER: its ASCII
 * characters padded with {@code FF} to a fixed length (8 bytes for the user PIN, 16 for the PUK), so
 * that two secrets can follow each other in one data field.
 */
public final class PinBlock {

    public static final int USER_PIN_LENGTH = AgentCardLayout.USER_PIN_MAX_LENGTH;
    public static final int PUK_LENGTH = AgentCardLayout.PUK_MAX_LENGTH;
    private static final byte PADDING = (byte) 0xFF;

    private PinBlock() {
    }

    /** The padded block of {@code pin} (the caller wipes it); a secret too long is cut by no one: it fails. */
    public static byte[] encode(Pin pin, int blockLength) {
        byte[] characters = pin.toUtf8();
        try {
            if (characters.length > blockLength) {
                throw new IllegalArgumentException("The secret is longer than its " + blockLength + "-byte block");
            }
            byte[] block = new byte[blockLength];
            Arrays.fill(block, PADDING);
            System.arraycopy(characters, 0, block, 0, characters.length);
            return block;
        } finally {
            Arrays.fill(characters, (byte) 0);
        }
    }

    /** Two padded blocks one after the other (old and new PIN, PUK and new PIN); the caller wipes it. */
    public static byte[] concatenate(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** The characters of a block, padding removed (the caller wipes it). */
    public static byte[] strip(byte[] block, int offset, int blockLength) {
        int end = offset;
        while (end < offset + blockLength && block[end] != PADDING) {
            end++;
        }
        return Arrays.copyOfRange(block, offset, end);
    }
}
