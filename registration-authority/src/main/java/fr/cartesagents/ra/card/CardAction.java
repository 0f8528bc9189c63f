package fr.cartesagents.ra.card;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

import static fr.cartesagents.ra.card.CardState.ACTIVE;
import static fr.cartesagents.ra.card.CardState.DELIVERED;
import static fr.cartesagents.ra.card.CardState.EXPIRED;
import static fr.cartesagents.ra.card.CardState.PERSONALIZED;
import static fr.cartesagents.ra.card.CardState.REVOKED;

/**
 * The table of allowed moves of a card: each action, the states it may start from, the state it
 * leads to; anything else is a 409. A card is created {@code personalized} (both certificates in
 * one transaction); revoked and expired are final.
 */
public enum CardAction {
    /** Handed over face to face (Art. III): identity checked, terms accepted, receipt signed. */
    DELIVER(EnumSet.of(PERSONALIZED), DELIVERED),
    /** The holder set their PIN and the card proved it by signing the server's challenge. */
    ACTIVATE(EnumSet.of(DELIVERED), ACTIVE),
    /** Both certificates revoked together (Art. VI). */
    REVOKE(EnumSet.of(PERSONALIZED, DELIVERED, ACTIVE), REVOKED),
    /** Six years after personalization (Art. V). */
    EXPIRE(EnumSet.of(PERSONALIZED, DELIVERED, ACTIVE), EXPIRED);

    private final Set<CardState> from;
    private final CardState to;

    CardAction(Set<CardState> from, CardState to) {
        this.from = from;
        this.to = to;
    }

    /** The state after this action from {@code current}; 409 if the table does not allow it. */
    public CardState from(CardState current) {
        if (!from.contains(current)) {
            throw refusal(current);
        }
        return to;
    }

    public boolean allowedFrom(CardState current) {
        return from.contains(current);
    }

    public CardState to() {
        return to;
    }

    /** The source states, as stored. */
    String[] fromNames() {
        return from.stream().map(CardState::databaseName).sorted().toArray(String[]::new);
    }

    /** The 409 for this action asked from {@code current}. */
    public ProblemException refusal(CardState current) {
        return ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "card.illegal-transition", apiName(),
                current.databaseName(), from.stream().map(CardState::databaseName).sorted().toList().toString());
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
