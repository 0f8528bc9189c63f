package fr.cartesagents.ra.convention;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;
import fr.cartesagents.ra.audit.AuditTarget;

/** The audit actions of the convention feature other than the moves a caller asks ({@link ConventionAction}). */
@AuditSubject("convention")
enum ConventionEvent implements AuditAction {
    CREATED,
    ANNEX_REPLACED,
    /** The notice ended (the termination job). */
    TERMINATED,
    /** A CARTES convention suspended with its COMEDEC convention. */
    SUSPENDED,
    /** A CARTES convention reactivated with the COMEDEC convention that had suspended it. */
    REACTIVATED;

    static AuditTarget target(UUID id) {
        return AuditTarget.of("convention", id);
    }
}
