package fr.cartesagents.ra.revocation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import fr.cartesagents.ca.status.RevocationReason;

/**
 * Why a card is revoked, as the API names it, with the RFC 5280 reason code its certificates get
 * and the words of the French messages.
 *
 * <p>Loss and theft are {@code keyCompromise}: the keys are out of the holder's control, only the
 * PIN protects them. A departure is {@code affiliationChanged} (the O/OU of the subject no longer
 * holds); a change of function and a defect {@code cessationOfOperation} (the certificates are no
 * longer needed; the keys are not exposed). Not {@code privilegeWithdrawn} for a change of function:
 * common relying parties (OpenSSL among them) do not even name that code.
 */
public enum CardRevocationReason {
    LOSS(RevocationReason.KEY_COMPROMISE, "perte de la carte"),
    THEFT(RevocationReason.KEY_COMPROMISE, "vol de la carte"),
    DEPARTURE(RevocationReason.AFFILIATION_CHANGED, "départ de l'agent"),
    FUNCTION_CHANGE(RevocationReason.CESSATION_OF_OPERATION, "changement de fonction"),
    DEFECT(RevocationReason.CESSATION_OF_OPERATION, "carte défectueuse"),
    KEY_COMPROMISE(RevocationReason.KEY_COMPROMISE, "compromission des clés");

    private final RevocationReason rfc5280;
    private final String french;

    CardRevocationReason(RevocationReason rfc5280, String french) {
        this.rfc5280 = rfc5280;
        this.french = french;
    }

    public RevocationReason rfc5280() {
        return rfc5280;
    }

    /** In a French sentence: "Motif : perte de la carte." */
    public String french() {
        return french;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CardRevocationReason> fromApiName(String value) {
        return Arrays.stream(values()).filter(reason -> reason.apiName().equals(value)).findFirst();
    }

    public static String apiNames() {
        return Arrays.stream(values()).map(CardRevocationReason::apiName).toList().toString();
    }
}
