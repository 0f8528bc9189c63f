package fr.cartesagents.benchmarks.bridge;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import fr.cartesagents.bridge.card.Pin;

/** The secrets of every benchmark card, and the PIN block the simulated card expects them in. */
final class CardSecrets {

    static final String USER_PIN = "2468";
    /** What a PIN change benchmark changes the PIN to, then back. */
    static final String OTHER_USER_PIN = "1357";
    /** The SoftHSM2 security-officer PIN, and the simulated card's PUK (8 to 16 characters). */
    static final String UNBLOCK_SECRET = "86429753";

    private static final int USER_PIN_BLOCK_LENGTH = 8;

    private CardSecrets() {
    }

    /** A bridge {@link Pin} the caller closes. */
    static Pin pin(String digits) {
        return Pin.wrap(digits.toCharArray());
    }

    static byte[] ascii(String secret) {
        return secret.getBytes(StandardCharsets.US_ASCII);
    }

    /** The user PIN as the card takes it in VERIFY and CHANGE REFERENCE DATA: ASCII padded with FF to 8 bytes. */
    static byte[] userPinBlock(String digits) {
        byte[] block = new byte[USER_PIN_BLOCK_LENGTH];
        Arrays.fill(block, (byte) 0xFF);
        byte[] characters = ascii(digits);
        System.arraycopy(characters, 0, block, 0, characters.length);
        return block;
    }
}
