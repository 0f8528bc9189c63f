package fr.cartesagents.ra.convention;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditTarget;

/** The audit actions of the convention feature other than the moves a caller asks ({@link ConventionAction}). */
enum ConventionEvent implements AuditAction {
    CREATED,
    ANNEX_REPLACED,
    /** The notice ended (the termination job). */
    TERMINATED,
    /** A CARTES convention suspended with its COMEDEC convention. */
    SUSPENDED,
    /** A CARTES convention reactivated with the COMEDEC convention that had suspended it. */
    REACTIVATED;

    @Override
    public String subject() {
        return "convention";
    }

    static AuditTarget target(UUID id) {
        return AuditTarget.of("convention", id);
    }
}
