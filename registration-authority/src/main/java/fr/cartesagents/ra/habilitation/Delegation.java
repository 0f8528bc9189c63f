package fr.cartesagents.ra.habilitation;

import java.util.Locale;

/**
 * The kinds of delegation (table {@code delegation}) a habilitation level can require. The mayor
 * holds the first two by law (Code général des collectivités territoriales, L. 2122-32 for civil
 * status, L. 2122-21 for the budget), so a current mayor needs no recorded delegation for them.
 */
enum Delegation {
    OFFICIER_ETAT_CIVIL(true),
    ORDONNATEUR(true),
    POLICE_MUNICIPALE(false);

    private final boolean heldByTheMayor;

    Delegation(boolean heldByTheMayor) {
        this.heldByTheMayor = heldByTheMayor;
    }

    boolean heldByTheMayor() {
        return heldByTheMayor;
    }

    /** The value stored in {@code delegation.kind}. */
    String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
