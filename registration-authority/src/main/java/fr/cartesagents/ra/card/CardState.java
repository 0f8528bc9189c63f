package fr.cartesagents.ra.card;

import java.util.Locale;

/**
 * Where a card is in its life: personalized (both certificates issued, not yet handed over),
 * delivered (handed over face to face, transport PIN still set), active (the holder set their PIN
 * and proved it), then revoked or expired (final). The moves are {@link CardAction}'s table.
 */
public enum CardState {
    PERSONALIZED,
    DELIVERED,
    ACTIVE,
    REVOKED,
    EXPIRED;

    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CardState fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
