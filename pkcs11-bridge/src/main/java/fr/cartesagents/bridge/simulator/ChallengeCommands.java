package fr.cartesagents.bridge.simulator;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import javax.smartcardio.CommandAPDU;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.StatusWord;
import fr.cartesagents.ca.cardsecret.UnblockKey;

/**
 * GET CHALLENGE and EXTERNAL AUTHENTICATE with the card's unblock key: the card draws 8 random
 * bytes, the server answers with AES-CMAC of them under the per-card key it derives from its master
 * key ({@link UnblockKey}), and a right answer lets the next RESET RETRY COUNTER set a new PIN —
 * without the PUK ever leaving the server. A challenge serves once; the key has its own counter.
 */
final class ChallengeCommands {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SimulatedCardState state;
    private final CardSession session;

    ChallengeCommands(SimulatedCardState state, CardSession session) {
        this.state = state;
        this.session = session;
    }

    Reply getChallenge(CommandAPDU command) {
        if (command.getP1() != 0 || command.getP2() != 0) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        if (command.getNe() != AgentCardLayout.CHALLENGE_LENGTH) {
            return Reply.of(StatusWord.wrongLe(AgentCardLayout.CHALLENGE_LENGTH));
        }
        byte[] challenge = new byte[AgentCardLayout.CHALLENGE_LENGTH];
        RANDOM.nextBytes(challenge);
        session.challenge = challenge;
        return Reply.ok(challenge);
    }

    Reply externalAuthenticate(CommandAPDU command) {
        if (command.getP1() != 0) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        Optional<byte[]> key = state.unblockKey();
        if (command.getP2() != AgentCardLayout.UNBLOCK_KEY_REFERENCE || key.isEmpty()) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        byte[] challenge = session.challenge;
        session.challenge = new byte[0];
        if (state.unblockKeyTriesLeft() == 0) {
            return Reply.of(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
        }
        if (challenge.length == 0) {
            return Reply.of(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
        }
        if (command.getData().length != UnblockKey.RESPONSE_LENGTH) {
            return Reply.of(StatusWord.WRONG_LENGTH);
        }
        UnblockKey unblockKey = new UnblockKey(key.get());
        Arrays.fill(key.get(), (byte) 0);
        try {
            if (unblockKey.accepts(challenge, command.getData())) {
                state.unblockKeyTriesLeft(AgentCardLayout.UNBLOCK_KEY_TRIES);
                session.unblockAuthorized = true;
                return Reply.ok();
            }
        } finally {
            unblockKey.wipe();
        }
        session.unblockAuthorized = false;
        state.unblockKeyTriesLeft(state.unblockKeyTriesLeft() - 1);
        return PinCommands.triesLeftReply(state.unblockKeyTriesLeft());
    }
}
