package fr.cartesagents.ra.habilitation;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A habilitation is active until withdrawn; a withdrawn one stays, as history, and never comes back (grant anew). */
public enum HabilitationStatus {
    ACTIVE,
    WITHDRAWN;

    private static final Map<HabilitationStatus, Set<HabilitationStatus>> ALLOWED = Map.of(
            ACTIVE, Set.of(WITHDRAWN),
            WITHDRAWN, Set.of());

    boolean canBecome(HabilitationStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static HabilitationStatus fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
