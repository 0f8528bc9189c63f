package fr.cartesagents.ra.order;

import java.util.Locale;

/** Where a card order is: the moves are {@link OrderAction}'s table; delivered and cancelled are final. */
public enum OrderState {
    REQUESTED,
    APPROVED,
    PERSONALIZED,
    DELIVERED,
    CANCELLED;

    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderState fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
