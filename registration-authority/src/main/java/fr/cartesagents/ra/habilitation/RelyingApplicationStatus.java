package fr.cartesagents.ra.habilitation;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A registered relying application may ask while enabled; a national administrator disables and re-enables it. */
public enum RelyingApplicationStatus {
    ENABLED,
    DISABLED;

    private static final Map<RelyingApplicationStatus, Set<RelyingApplicationStatus>> ALLOWED = Map.of(
            ENABLED, Set.of(DISABLED),
            DISABLED, Set.of(ENABLED));

    boolean canBecome(RelyingApplicationStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RelyingApplicationStatus fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
