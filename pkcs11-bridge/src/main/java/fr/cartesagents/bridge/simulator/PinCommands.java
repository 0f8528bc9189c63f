package fr.cartesagents.bridge.simulator;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.PUK_REFERENCE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.PUK_TRIES;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.USER_PIN_REFERENCE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.USER_PIN_TRIES;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.VERIFY_LOGOUT;
import static fr.cartesagents.bridge.simulator.SimulatedCardState.wipe;

import java.util.function.Function;
import java.util.function.Predicate;

import javax.smartcardio.CommandAPDU;

import fr.cartesagents.bridge.apdu.PinBlock;
import fr.cartesagents.bridge.apdu.SecretFormat;
import fr.cartesagents.bridge.apdu.StatusWord;

/**
 * VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER on the simulated card: a user PIN of 4 to 8
 * digits with 3 tries, a PUK of 8 to 16 characters with 10 tries. A wrong secret answers
 * {@code 63Cx}; the try that empties the counter, and every later one, answers {@code 6983}. A
 * secret of the wrong format is refused with {@code 6A80} and spends no try.
 */
final class PinCommands {

    private static final int USER_PIN_BLOCK = PinBlock.USER_PIN_LENGTH;
    private static final int PUK_BLOCK = PinBlock.PUK_LENGTH;

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
        return switch (command.getP2()) {
            case USER_PIN_REFERENCE -> data.length == 0 ? userPinStatus() : verifyUserPin(data);
            case PUK_REFERENCE -> data.length == 0 ? pukStatus() : verifyPuk(data);
            default -> Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        };
    }

    Reply changeReferenceData(CommandAPDU command) {
        if (command.getP1() != 0) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        if (command.getP2() != USER_PIN_REFERENCE) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        byte[] data = command.getData();
        if (data.length != 2 * USER_PIN_BLOCK) {
            return Reply.of(StatusWord.WRONG_LENGTH);
        }
        byte[] current = PinBlock.strip(data, 0, USER_PIN_BLOCK);
        byte[] replacement = PinBlock.strip(data, USER_PIN_BLOCK, USER_PIN_BLOCK);
        try {
            if (state.userPinTriesLeft() == 0) {
                return Reply.of(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
            }
            if (!SecretFormat.isUserPin(current) || !SecretFormat.isUserPin(replacement)) {
                return Reply.of(StatusWord.INCORRECT_DATA);
            }
            Reply check = checkUserPin(current);
            if (check.status().isSuccess()) {
                state.replaceUserPin(replacement);
            }
            return check;
        } finally {
            wipe(data);
            wipe(current);
            wipe(replacement);
        }
    }

    Reply resetRetryCounter(CommandAPDU command) {
        if (command.getP1() != 0) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        if (command.getP2() != USER_PIN_REFERENCE) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        byte[] data = command.getData();
        if (data.length != PUK_BLOCK + USER_PIN_BLOCK) {
            return Reply.of(StatusWord.WRONG_LENGTH);
        }
        byte[] puk = PinBlock.strip(data, 0, PUK_BLOCK);
        byte[] replacement = PinBlock.strip(data, PUK_BLOCK, USER_PIN_BLOCK);
        try {
            if (state.pukTriesLeft() == 0) {
                return Reply.of(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
            }
            if (!SecretFormat.isUnblockSecret(puk) || !SecretFormat.isUserPin(replacement)) {
                return Reply.of(StatusWord.INCORRECT_DATA);
            }
            Reply check = checkPuk(puk);
            if (check.status().isSuccess()) {
                state.replaceUserPin(replacement);
                session.userPinVerified = false;
            }
            return check;
        } finally {
            wipe(data);
            wipe(puk);
            wipe(replacement);
        }
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

    private Reply verifyUserPin(byte[] data) {
        return verifySecret(data, USER_PIN_BLOCK, state.userPinTriesLeft(), SecretFormat::isUserPin, this::checkUserPin);
    }

    private Reply verifyPuk(byte[] data) {
        return verifySecret(data, PUK_BLOCK, state.pukTriesLeft(), SecretFormat::isUnblockSecret, this::checkPuk);
    }

    /** A blocked secret is refused before it is even compared; a malformed one spends no try. */
    private static Reply verifySecret(byte[] data, int blockLength, int triesLeft, Predicate<byte[]> wellFormed,
            Function<byte[], Reply> check) {
        if (data.length != blockLength) {
            return Reply.of(StatusWord.WRONG_LENGTH);
        }
        byte[] secret = PinBlock.strip(data, 0, blockLength);
        try {
            if (triesLeft == 0) {
                return Reply.of(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
            }
            return wellFormed.test(secret) ? check.apply(secret) : Reply.of(StatusWord.INCORRECT_DATA);
        } finally {
            wipe(data);
            wipe(secret);
        }
    }

    private Reply checkUserPin(byte[] pin) {
        if (state.userPinMatches(pin)) {
            state.userPinTriesLeft(USER_PIN_TRIES);
            session.userPinVerified = true;
            return Reply.ok();
        }
        session.userPinVerified = false;
        state.userPinTriesLeft(state.userPinTriesLeft() - 1);
        return triesLeftReply(state.userPinTriesLeft());
    }

    private Reply checkPuk(byte[] puk) {
        if (state.pukMatches(puk)) {
            state.pukTriesLeft(PUK_TRIES);
            return Reply.ok();
        }
        state.pukTriesLeft(state.pukTriesLeft() - 1);
        return triesLeftReply(state.pukTriesLeft());
    }

    private static Reply triesLeftReply(int triesLeft) {
        return Reply.of(triesLeft == 0 ? StatusWord.AUTHENTICATION_METHOD_BLOCKED : StatusWord.verificationFailed(triesLeft));
    }
}
