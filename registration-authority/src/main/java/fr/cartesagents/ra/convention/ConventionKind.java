package fr.cartesagents.ra.convention;

import java.util.Locale;

/**
 * The conventions a collectivity signs: CARTES (ANTS authentication and signature cards), COMEDEC
 * (civil-status exchanges; its suspension or termination suspends the CARTES convention at once),
 * PVE (ANTAI electronic tickets; several communes for a shared municipal police).
 */
public enum ConventionKind {
    CARTES,
    COMEDEC,
    PVE;

    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConventionKind fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** CARTES and COMEDEC bind one commune ("la commune mentionnée en titre"); PVE one or more. */
    public boolean singleParty() {
        return this != PVE;
    }
}
