package fr.cartesagents.ra.convention;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

import static fr.cartesagents.ra.convention.ConventionState.ACTIVE;
import static fr.cartesagents.ra.convention.ConventionState.DRAFT;
import static fr.cartesagents.ra.convention.ConventionState.SIGNED;
import static fr.cartesagents.ra.convention.ConventionState.SUSPENDED;
import static fr.cartesagents.ra.convention.ConventionState.TERMINATED;
import static fr.cartesagents.ra.convention.ConventionState.TERMINATION_REQUESTED;

/**
 * The table of allowed transitions of a convention: each action, the states it may start from,
 * the state it leads to. Anything else is an illegal transition (409). {@link #TERMINATE} is the
 * end of the notice, taken by the termination job, never by a caller.
 */
public enum ConventionAction {
    SIGN(EnumSet.of(DRAFT), SIGNED),
    ACTIVATE(EnumSet.of(SIGNED), ACTIVE),
    SUSPEND(EnumSet.of(ACTIVE), SUSPENDED),
    REACTIVATE(EnumSet.of(SUSPENDED), ACTIVE),
    /** Article IX: either party may terminate at any time, with 3 months' notice. */
    REQUEST_TERMINATION(EnumSet.of(SIGNED, ACTIVE, SUSPENDED), TERMINATION_REQUESTED),
    TERMINATE(EnumSet.of(TERMINATION_REQUESTED), TERMINATED);

    private final Set<ConventionState> from;
    private final ConventionState to;

    ConventionAction(Set<ConventionState> from, ConventionState to) {
        this.from = from;
        this.to = to;
    }

    /** The state after this action from {@code current}; 409 if the table does not allow it. */
    public ConventionState from(ConventionState current) {
        if (!from.contains(current)) {
            throw ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "convention.illegal-transition",
                    apiName(), current.databaseName(), from.stream().map(ConventionState::databaseName).sorted().toList().toString());
        }
        return to;
    }

    public boolean allowedFrom(ConventionState current) {
        return from.contains(current);
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConventionAction fromApiName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
