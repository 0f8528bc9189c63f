package fr.cartesagents.bridge.localapi;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The short code printed in the terminal when the bridge starts, which a person types into the portal
 * page to pair it ({@code POST /v1/pairing}); the answer is the {@link PairingToken}. One code per
 * start, used once; a few wrong tries close it (restart the bridge for a new code), so that a page
 * cannot guess it. Eight characters from an alphabet without look-alikes (0/O, 1/I): 40 bits.
 */
final class PairingCode {

    enum State { OPEN, USED, CLOSED }

    enum Outcome { ACCEPTED, WRONG, NOT_OPEN }

    /** Which states a code may move to; anything else is a bug. */
    private static final Map<State, Set<State>> TRANSITIONS = Map.of(
            State.OPEN, Set.of(State.OPEN, State.USED, State.CLOSED),
            State.USED, Set.of(),
            State.CLOSED, Set.of());

    static final int MAX_WRONG_TRIES = 5;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 8;

    private final String code;
    private final byte[] digest;
    private State state = State.OPEN;
    private int wrongTries;

    private PairingCode(String code) {
        this.code = code;
        this.digest = PairingToken.sha256(code);
    }

    static PairingCode draw() {
        SecureRandom random = new SecureRandom();
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new PairingCode(code.toString());
    }

    /** As shown to the person: two groups of four, {@code ABCD-EFGH}. */
    String display() {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    synchronized State state() {
        return state;
    }

    /** Checks a typed code (case, spaces and dashes do not matter) and moves the state on. */
    synchronized Outcome redeem(String typed) {
        if (state != State.OPEN) {
            return Outcome.NOT_OPEN;
        }
        String normalized = typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (MessageDigest.isEqual(digest, PairingToken.sha256(normalized))) {
            moveTo(State.USED);
            return Outcome.ACCEPTED;
        }
        wrongTries++;
        moveTo(wrongTries >= MAX_WRONG_TRIES ? State.CLOSED : State.OPEN);
        return Outcome.WRONG;
    }

    private void moveTo(State next) {
        if (!TRANSITIONS.get(state).contains(next)) {
            throw new IllegalStateException("A pairing code cannot go from " + state + " to " + next);
        }
        state = next;
    }

    @Override
    public String toString() {
        return "PairingCode[" + state + "]";
    }
}
