package fr.cartesagents.bridge.simulator;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.PUK_REFERENCE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.PUK_TRIES;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.USER_PIN_REFERENCE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.USER_PIN_TRIES;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.VERIFY_LOGOUT;

import java.util.Arrays;
import java.util.Optional;

import javax.smartcardio.CommandAPDU;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.SecretFormat;
import fr.cartesagents.bridge.apdu.StatusWord;

/**
 * VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER as IAS-ECC cards do them: PINs travel
 * unpadded (the card knows their stored length), a PIN change carries the current PIN then the new
 * one, and an unblock is two steps: the PUK is verified (VERIFY on its own reference) — or the
 * unblock key authenticated ({@link ChallengeCommands}) — then RESET RETRY COUNTER P1=02 sets the new
 * PIN. A wrong secret answers {@code 63Cx}; the try that empties the counter, and every later one,
 * answers {@code 6983}. A secret of the wrong format is refused with {@code 6A80} and spends no try.
 */
final class PinCommands {

    private final SimulatedCardState state;
    private final CardSession session;

    PinCommands(SimulatedCardState state, CardSession session) {
        this.state = state;
        this.session = session;
    }

    Reply verify(CommandAPDU command) {
        if (command.getP1() == VERIFY_LOGOUT && command.getP2() == USER_PIN_REFERENCE) {
            session.userPinVerified = false;
            return Reply.ok();
        }
        if (command.getP1() != 0) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        byte[] data = command.getData();
        try {
            return switch (command.getP2()) {
                case USER_PIN_REFERENCE -> data.length == 0 ? userPinStatus() : verifyUserPin(data);
                case PUK_REFERENCE -> data.length == 0 ? pukStatus() : verifyPuk(data);
                default -> Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
            };
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /**
     * P1=00, data = current secret then new secret; the split is where the stored secret ends. On
     * the PIN ({@code 81}) the holder's PIN change, on the PUK ({@code 82}) the issuer's: the bridge
     * replaces the card batch's transport PUK with the card's own at personalization.
     */
    Reply changeReferenceData(CommandAPDU command) {
        if (command.getP1() != 0) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        if (command.getP2() == PUK_REFERENCE) {
            return changePuk(command);
        }
        if (command.getP2() != USER_PIN_REFERENCE) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        byte[] data = command.getData();
        try {
            if (state.userPinTriesLeft() == 0) {
                return Reply.of(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
            }
            if (data.length < 2 * AgentCardLayout.USER_PIN_MIN_LENGTH || data.length > 2 * AgentCardLayout.USER_PIN_MAX_LENGTH) {
                return Reply.of(StatusWord.INCORRECT_DATA);
            }
            Optional<Integer> split = storedPrefix(data, AgentCardLayout.USER_PIN_MIN_LENGTH, AgentCardLayout.USER_PIN_MAX_LENGTH,
                    state::userPinMatches);
            if (split.isEmpty()) {
                return wrongUserPin();
            }
            byte[] replacement = Arrays.copyOfRange(data, split.get(), data.length);
            try {
                if (!SecretFormat.isUserPin(replacement)) {
                    return Reply.of(StatusWord.INCORRECT_DATA);
                }
                state.replaceUserPin(replacement);
                session.userPinVerified = true;
                return Reply.ok();
            } finally {
                Arrays.fill(replacement, (byte) 0);
            }
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /** CHANGE REFERENCE DATA on the PUK: a wrong current PUK spends a try of the PUK's counter, a right one restores them. */
    private Reply changePuk(CommandAPDU command) {
        byte[] data = command.getData();
        try {
            if (state.pukTriesLeft() == 0) {
                return Reply.of(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
            }
            if (data.length < 2 * AgentCardLayout.PUK_MIN_LENGTH || data.length > 2 * AgentCardLayout.PUK_MAX_LENGTH) {
                return Reply.of(StatusWord.INCORRECT_DATA);
            }
            Optional<Integer> split = storedPrefix(data, AgentCardLayout.PUK_MIN_LENGTH, AgentCardLayout.PUK_MAX_LENGTH,
                    state::pukMatches);
            if (split.isEmpty()) {
                return wrongPuk();
            }
            byte[] replacement = Arrays.copyOfRange(data, split.get(), data.length);
            try {
                if (!SecretFormat.isUnblockSecret(replacement)) {
                    return Reply.of(StatusWord.INCORRECT_DATA);
                }
                state.replacePuk(replacement);
                return Reply.ok();
            } finally {
                Arrays.fill(replacement, (byte) 0);
            }
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /**
     * P1=02: the new PIN, once the PUK or the unblock key was presented; P1=03: only the counter.
     * P1=00 (PUK then new PIN) and P1=01 (PUK only) are the ISO one-step forms, also accepted.
     */
    Reply resetRetryCounter(CommandAPDU command) {
        if (command.getP2() != USER_PIN_REFERENCE) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        byte[] data = command.getData();
        try {
            return switch (command.getP1()) {
                case 0x00, 0x01 -> resetWithPuk(data, command.getP1() == 0x00);
                case AgentCardLayout.RESET_WITH_NEW_PIN, 0x03 -> resetAfterAuthorization(data, command.getP1() == 0x02);
                default -> Reply.of(StatusWord.INCORRECT_P1_P2);
            };
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    private Reply resetAfterAuthorization(byte[] data, boolean newPinGiven) {
        if (!session.unblockAuthorized) {
            return Reply.of(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
        }
        if (newPinGiven != (data.length > 0) || (newPinGiven && !SecretFormat.isUserPin(data))) {
            return Reply.of(StatusWord.INCORRECT_DATA);
        }
        unblock(newPinGiven ? data : null);
        return Reply.ok();
    }

    private Reply resetWithPuk(byte[] data, boolean newPinGiven) {
        if (state.pukTriesLeft() == 0) {
            return Reply.of(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
        }
        Optional<Integer> split = storedPrefix(data, AgentCardLayout.PUK_MIN_LENGTH, AgentCardLayout.PUK_MAX_LENGTH, state::pukMatches);
        if (split.isEmpty()) {
            return wrongPuk();
        }
        byte[] replacement = Arrays.copyOfRange(data, split.get(), data.length);
        try {
            if (newPinGiven != (replacement.length > 0) || (newPinGiven && !SecretFormat.isUserPin(replacement))) {
                return Reply.of(StatusWord.INCORRECT_DATA);
            }
            state.pukTriesLeft(PUK_TRIES);
            unblock(newPinGiven ? replacement : null);
            return Reply.ok();
        } finally {
            Arrays.fill(replacement, (byte) 0);
        }
    }

    private void unblock(byte[] replacement) {
        if (replacement != null) {
            state.replaceUserPin(replacement);
        } else {
            state.userPinTriesLeft(USER_PIN_TRIES);
        }
        session.unblockAuthorized = false;
        session.userPinVerified = false;
    }

    private Reply userPinStatus() {
        if (state.userPinTriesLeft() == 0) {
            return Reply.of(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
        }
        return session.userPinVerified ? Reply.ok() : Reply.of(StatusWord.verificationFailed(state.userPinTriesLeft()));
    }

    private Reply pukStatus() {
        return state.pukTriesLeft() == 0
                ? Reply.of(StatusWord.AUTHENTICATION_METHOD_BLOCKED)
                : Reply.of(StatusWord.verificationFailed(state.pukTriesLeft()));
    }

    /** A blocked PIN is refused before it is even compared; a malformed one spends no try. */
    private Reply verifyUserPin(byte[] pin) {
        if (state.userPinTriesLeft() == 0) {
            return Reply.of(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
        }
        if (!SecretFormat.isUserPin(pin)) {
            return Reply.of(StatusWord.INCORRECT_DATA);
        }
        if (state.userPinMatches(pin)) {
            state.userPinTriesLeft(USER_PIN_TRIES);
            session.userPinVerified = true;
            return Reply.ok();
        }
        return wrongUserPin();
    }

    private Reply verifyPuk(byte[] puk) {
        if (state.pukTriesLeft() == 0) {
            return Reply.of(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
        }
        if (!SecretFormat.isUnblockSecret(puk)) {
            return Reply.of(StatusWord.INCORRECT_DATA);
        }
        if (state.pukMatches(puk)) {
            state.pukTriesLeft(PUK_TRIES);
            session.unblockAuthorized = true;
            return Reply.ok();
        }
        return wrongPuk();
    }

    private Reply wrongUserPin() {
        session.userPinVerified = false;
        state.userPinTriesLeft(state.userPinTriesLeft() - 1);
        return triesLeftReply(state.userPinTriesLeft());
    }

    private Reply wrongPuk() {
        session.unblockAuthorized = false;
        state.pukTriesLeft(state.pukTriesLeft() - 1);
        return triesLeftReply(state.pukTriesLeft());
    }

    /** The length of the stored secret at the start of {@code data}, tried from shortest to longest. */
    private static Optional<Integer> storedPrefix(byte[] data, int minimum, int maximum,
            java.util.function.Predicate<byte[]> matches) {
        for (int length = minimum; length <= Math.min(maximum, data.length); length++) {
            byte[] prefix = Arrays.copyOf(data, length);
            try {
                if (matches.test(prefix)) {
                    return Optional.of(length);
                }
            } finally {
                Arrays.fill(prefix, (byte) 0);
            }
        }
        return Optional.empty();
    }

    static Reply triesLeftReply(int triesLeft) {
        return Reply.of(triesLeft == 0 ? StatusWord.AUTHENTICATION_METHOD_BLOCKED : StatusWord.verificationFailed(triesLeft));
    }
}
