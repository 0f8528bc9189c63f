package fr.cartesagents.benchmarks.bridge;

import java.nio.charset.StandardCharsets;

import fr.cartesagents.bridge.card.Pin;

/** The secrets of every benchmark card, and the form the simulated IAS-ECC card expects them in. */
final class CardSecrets {

    static final String USER_PIN = "2468";
    /** What a PIN change benchmark changes the PIN to, then back. */
    static final String OTHER_USER_PIN = "1357";
    /** The SoftHSM2 security-officer PIN, and the simulated card's PUK (8 to 16 characters). */
    static final String UNBLOCK_SECRET = "86429753";

    private CardSecrets() {
    }

    /** A bridge {@link Pin} the caller closes. */
    static Pin pin(String digits) {
        return Pin.wrap(digits.toCharArray());
    }

    static byte[] ascii(String secret) {
        return secret.getBytes(StandardCharsets.US_ASCII);
    }

    /** The user PIN as an IAS-ECC card takes it in VERIFY and CHANGE REFERENCE DATA: its ASCII digits, unpadded. */
    static byte[] userPinBlock(String digits) {
        return ascii(digits);
    }
}
