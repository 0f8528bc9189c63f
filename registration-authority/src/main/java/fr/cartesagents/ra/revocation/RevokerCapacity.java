package fr.cartesagents.ra.revocation;

import java.util.EnumSet;
import java.util.Set;

import static fr.cartesagents.ra.revocation.CardRevocationReason.DEFECT;
import static fr.cartesagents.ra.revocation.CardRevocationReason.DEPARTURE;
import static fr.cartesagents.ra.revocation.CardRevocationReason.FUNCTION_CHANGE;
import static fr.cartesagents.ra.revocation.CardRevocationReason.KEY_COMPROMISE;
import static fr.cartesagents.ra.revocation.CardRevocationReason.LOSS;
import static fr.cartesagents.ra.revocation.CardRevocationReason.THEFT;

/**
 * In which capacity someone revokes a card, and the reasons that capacity may give (Art. VI of the
 * CARTES convention; as in Boulder, each kind of requester has its own subset): the holder declares
 * a loss or a theft; the mayor and delegates also a departure or a change of function; the
 * registration office (and national administrators) any reason.
 */
enum RevokerCapacity {
    HOLDER(EnumSet.of(LOSS, THEFT), "le titulaire"),
    CARD_MANAGER(EnumSet.of(LOSS, THEFT, DEPARTURE, FUNCTION_CHANGE), "le maire ou un délégataire"),
    OFFICE(EnumSet.allOf(CardRevocationReason.class), "l'autorité d'enregistrement"),
    /** The holder without their card: a personal revocation code or a one-time link. */
    HOLDER_WITHOUT_CARD(EnumSet.of(LOSS, THEFT), "le titulaire, sans sa carte"),
    /** A departure recorded in the directory. */
    DIRECTORY(EnumSet.of(DEPARTURE), "le départ enregistré dans l'annuaire");

    private final Set<CardRevocationReason> reasons;
    private final String french;

    RevokerCapacity(Set<CardRevocationReason> reasons, String french) {
        this.reasons = reasons;
        this.french = french;
    }

    boolean may(CardRevocationReason reason) {
        return reasons.contains(reason);
    }

    /** Who asked, in the message to the mayor and delegates. */
    String french() {
        return french;
    }
}
