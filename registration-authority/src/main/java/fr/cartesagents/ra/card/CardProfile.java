package fr.cartesagents.ra.card;

import java.util.Locale;

/**
 * What a card is personalized as: {@code standard} (ANTS authentication and signature card) or
 * {@code a05} (IAS-ECC profile of the ANTAI for PVe agents' cards).
 */
public enum CardProfile {
    STANDARD,
    A05;

    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CardProfile fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
