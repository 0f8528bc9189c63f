package fr.cartesagents.ra.habilitation;

import fr.cartesagents.ra.lifecycle.LifecycleAction;
import fr.cartesagents.ra.lifecycle.LifecycleState;
import fr.cartesagents.ra.lifecycle.TransitionTable;

/** A registered relying application may ask while enabled; a national administrator disables and re-enables it. */
public enum RelyingApplicationStatus implements LifecycleState {
    ENABLED,
    DISABLED;

    /** The moves of a relying application. */
    enum Action implements LifecycleAction {
        DISABLE, ENABLE
    }

    static final TransitionTable<RelyingApplicationStatus, Action> LIFECYCLE =
            TransitionTable.of(RelyingApplicationStatus.class, Action.class, "relying-application.illegal-transition")
                    .allow(Action.DISABLE, ENABLED).to(DISABLED)
                    .allow(Action.ENABLE, DISABLED).to(ENABLED)
                    .build();

    static RelyingApplicationStatus fromDatabaseName(String value) {
        return LifecycleState.fromDatabaseName(RelyingApplicationStatus.class, value);
    }
}
