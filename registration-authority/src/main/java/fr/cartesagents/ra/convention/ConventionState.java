package fr.cartesagents.ra.convention;

import fr.cartesagents.ra.lifecycle.LifecycleState;

/** Where a convention is in its life; the allowed moves are {@link ConventionLifecycle#TABLE}. */
public enum ConventionState implements LifecycleState {
    DRAFT,
    SIGNED,
    ACTIVE,
    SUSPENDED,
    /** Notice running: terminated on {@code terminatesOn} (3 months after the request). */
    TERMINATION_REQUESTED,
    TERMINATED;

    public static ConventionState fromDatabaseName(String value) {
        return LifecycleState.fromDatabaseName(ConventionState.class, value);
    }
}
