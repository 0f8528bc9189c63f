package fr.cartesagents.ra.habilitation;

import fr.cartesagents.ra.lifecycle.LifecycleAction;
import fr.cartesagents.ra.lifecycle.LifecycleState;
import fr.cartesagents.ra.lifecycle.TransitionTable;

/** A habilitation is active until withdrawn; a withdrawn one stays, as history, and never comes back (grant anew). */
public enum HabilitationStatus implements LifecycleState {
    ACTIVE,
    WITHDRAWN;

    /** The one move of a habilitation (by decision, departure or with its COMEDEC habilitation). */
    enum Action implements LifecycleAction {
        WITHDRAW
    }

    static final TransitionTable<HabilitationStatus, Action> LIFECYCLE =
            TransitionTable.of(HabilitationStatus.class, Action.class, "habilitation.illegal-transition")
                    .allow(Action.WITHDRAW, ACTIVE).to(WITHDRAWN)
                    .build();

    static HabilitationStatus fromDatabaseName(String value) {
        return LifecycleState.fromDatabaseName(HabilitationStatus.class, value);
    }
}
