package fr.cartesagents.ra.convention;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditTarget;

import java.util.UUID;

/** The audit actions of the convention feature other than the moves a caller asks ({@link ConventionAction}). */
enum ConventionEvent implements AuditAction {
    CREATED("convention.created"),
    ANNEX_REPLACED("convention.annex-replaced"),
    /** The notice ended (the termination job). */
    TERMINATED("convention.terminated"),
    /** A CARTES convention suspended with its COMEDEC convention. */
    SUSPENDED_WITH_COMEDEC("convention.suspended"),
    /** A CARTES convention reactivated with the COMEDEC convention that had suspended it. */
    REACTIVATED_WITH_COMEDEC("convention.reactivated");

    private final String auditName;

    ConventionEvent(String auditName) {
        this.auditName = auditName;
    }

    @Override
    public String auditName() {
        return auditName;
    }

    static AuditTarget target(UUID id) {
        return AuditTarget.of("convention", id);
    }
}
