package fr.cartesagents.ra.directory;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The delegations a mayor gives by arrêté, as stored in {@code delegation.kind}: officier d'état
 * civil délégué (needed to sign in COMEDEC), signature des actes, ordonnateur (Hélios PES V2),
 * police municipale (PVe).
 */
enum DelegationKind {
    OFFICIER_ETAT_CIVIL,
    SIGNATURE_ACTES,
    ORDONNATEUR,
    POLICE_MUNICIPALE;

    @JsonValue
    String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named in a request; null (so "required" is reported on the field) for an unknown name. */
    @JsonCreator
    static DelegationKind fromJson(String value) {
        for (DelegationKind kind : values()) {
            if (kind.databaseName().equals(value)) {
                return kind;
            }
        }
        return null;
    }
}
