package fr.cartesagents.bridge.apdu;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.PUK_MAX_LENGTH;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.PUK_MIN_LENGTH;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.USER_PIN_MAX_LENGTH;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.USER_PIN_MIN_LENGTH;

import java.util.Arrays;

import fr.cartesagents.bridge.card.Pin;

/**
 * What the agent card accepts as a user PIN (4 to 8 ASCII digits) and as a PUK (8 to 16 printable
 * ASCII characters). The card refuses anything else with {@code 6A80} and spends no try; the driver
 * checks first so that nothing malformed is sent. The PIN policy (no trivial sequence...) is not
 * the card's business.
 */
public final class SecretFormat {

    private SecretFormat() {
    }

    public static boolean isUserPin(byte[] ascii) {
        return ascii.length >= USER_PIN_MIN_LENGTH && ascii.length <= USER_PIN_MAX_LENGTH && allBetween(ascii, '0', '9');
    }

    public static boolean isUnblockSecret(byte[] ascii) {
        return ascii.length >= PUK_MIN_LENGTH && ascii.length <= PUK_MAX_LENGTH && allBetween(ascii, 0x21, 0x7E);
    }

    public static boolean isUserPin(Pin pin) {
        byte[] bytes = pin.toUtf8();
        try {
            return isUserPin(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public static boolean isUnblockSecret(Pin puk) {
        byte[] bytes = puk.toUtf8();
        try {
            return isUnblockSecret(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static boolean allBetween(byte[] bytes, int lowest, int highest) {
        for (byte b : bytes) {
            if (b < lowest || b > highest) {
                return false;
            }
        }
        return true;
    }
}
