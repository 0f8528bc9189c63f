package fr.cartesagents.ra.order;

import fr.cartesagents.ra.lifecycle.LifecycleState;

/** Where a card order is: the moves are {@link OrderLifecycle#TABLE}; delivered and cancelled are final. */
public enum OrderState implements LifecycleState {
    REQUESTED,
    APPROVED,
    PERSONALIZED,
    DELIVERED,
    CANCELLED;

    public static OrderState fromDatabaseName(String value) {
        return LifecycleState.fromDatabaseName(OrderState.class, value);
    }
}
