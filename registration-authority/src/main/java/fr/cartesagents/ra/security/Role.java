package fr.cartesagents.ra.security;

import java.util.Locale;

/**
 * The roles of the registration authority. Mayors, delegates and agents hold theirs in one
 * collectivity; registration officers in one registration office; national administrators and
 * auditors everywhere. A card holder is any person with a certificate: {@link #HOLDER} is implied.
 */
public enum Role {
    NATIONAL_ADMINISTRATOR,
    AUDITOR,
    REGISTRATION_OFFICER,
    MAYOR,
    DELEGATE,
    AGENT,
    HOLDER;

    /** The value stored in {@code role_assignment.role}. */
    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
