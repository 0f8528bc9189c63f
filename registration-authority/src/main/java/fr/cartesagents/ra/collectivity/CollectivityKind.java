package fr.cartesagents.ra.collectivity;

import java.util.Locale;

/** What a collectivity is: a commune, or a grouping of communes (an EPCI, a shared municipal police). */
public enum CollectivityKind {
    COMMUNE,
    EPCI,
    MUNICIPAL_POLICE_GROUPING;

    /** The value stored in {@code collectivity.kind} and shown in the API. */
    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CollectivityKind fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isGrouping() {
        return this != COMMUNE;
    }
}
