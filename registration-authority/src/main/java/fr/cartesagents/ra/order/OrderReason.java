package fr.cartesagents.ra.order;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a card is ordered. Annex 1 of the CARTES convention: the first card of an agent in a 6-year
 * period is free, a defective card is replaced free, any other replacement is charged.
 */
public enum OrderReason {
    INITIAL,
    RENEWAL,
    REPLACEMENT_DEFECT,
    LOSS,
    THEFT,
    FORGOTTEN_PIN,
    ADDITIONAL;

    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderReason fromDatabaseName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    static Optional<OrderReason> fromApiName(String value) {
        return Arrays.stream(values()).filter(reason -> reason.databaseName().equals(value)).findFirst();
    }

    /** As a French letter says it ("Motif : remplacement après perte."). */
    public String french() {
        return switch (this) {
            case INITIAL -> "première carte";
            case RENEWAL -> "renouvellement de la carte (6 ans)";
            case REPLACEMENT_DEFECT -> "remplacement d'une carte défectueuse";
            case LOSS -> "remplacement après perte";
            case THEFT -> "remplacement après vol";
            case FORGOTTEN_PIN -> "remplacement après oubli du code PIN";
            case ADDITIONAL -> "carte supplémentaire";
        };
    }

    /** Whether the convention replaces the card free whatever the quota says. */
    boolean alwaysFree() {
        return this == REPLACEMENT_DEFECT;
    }
}
