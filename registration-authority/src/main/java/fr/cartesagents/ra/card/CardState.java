package fr.cartesagents.ra.card;

import fr.cartesagents.ra.lifecycle.LifecycleState;

/**
 * Where a card is in its life: personalized (both certificates issued, not yet handed over),
 * delivered (handed over face to face, transport PIN still set), active (the holder set their PIN
 * and proved it), then revoked or expired (final). The moves are {@link CardLifecycle#TABLE}.
 */
public enum CardState implements LifecycleState {
    PERSONALIZED,
    DELIVERED,
    ACTIVE,
    REVOKED,
    EXPIRED;

    public static CardState fromDatabaseName(String value) {
        return LifecycleState.fromDatabaseName(CardState.class, value);
    }
}
