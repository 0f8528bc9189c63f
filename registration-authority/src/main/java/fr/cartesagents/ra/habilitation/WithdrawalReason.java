package fr.cartesagents.ra.habilitation;

import java.util.Locale;

/** Why a habilitation ended: a decision of the mayor or a delegate, the person's departure, or the end of the COMEDEC habilitation it rested on. */
public enum WithdrawalReason {
    DECISION,
    DEPARTURE,
    COMEDEC_WITHDRAWN;

    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
