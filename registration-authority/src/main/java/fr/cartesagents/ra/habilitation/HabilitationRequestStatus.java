package fr.cartesagents.ra.habilitation;

import java.util.Locale;

/** A habilitation asked for oneself waits ({@code pending}) until another manager approves or rejects it, once. */
enum HabilitationRequestStatus {
    PENDING,
    APPROVED,
    REJECTED;

    String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static HabilitationRequestStatus fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
