package fr.cartesagents.ra.compliance;

import fr.cartesagents.ra.lifecycle.LifecycleState;
import fr.cartesagents.ra.lifecycle.TransitionTable;

/**
 * A finding is open, then closed; closing it is the only move, and only once (409 after). The state
 * is not a column: a finding is closed when it has a closing date.
 */
public enum FindingState implements LifecycleState {
    OPEN,
    CLOSED;

    /** The one move of a finding. */
    enum Action implements fr.cartesagents.ra.lifecycle.LifecycleAction {
        CLOSE
    }

    static final TransitionTable<FindingState, Action> LIFECYCLE =
            TransitionTable.of(FindingState.class, Action.class, "finding.already-closed")
                    .allow(Action.CLOSE, OPEN).to(CLOSED)
                    .build();

    public String apiName() {
        return databaseName();
    }

    static FindingState fromApiName(String value) {
        return LifecycleState.fromDatabaseName(FindingState.class, value);
    }
}
