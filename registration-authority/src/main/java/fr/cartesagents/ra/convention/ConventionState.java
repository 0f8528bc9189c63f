package fr.cartesagents.ra.convention;

import java.util.Locale;

/** Where a convention is in its life; the allowed moves are {@link ConventionAction}'s table. */
public enum ConventionState {
    DRAFT,
    SIGNED,
    ACTIVE,
    SUSPENDED,
    /** Notice running: terminated on {@code terminatesOn} (3 months after the request). */
    TERMINATION_REQUESTED,
    TERMINATED;

    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConventionState fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
