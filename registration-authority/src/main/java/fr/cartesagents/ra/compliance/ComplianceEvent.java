package fr.cartesagents.ra.compliance;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditTarget;

/** The audit actions of the compliance feature. */
enum ComplianceEvent implements AuditAction {
    QUESTIONNAIRE_ANSWERED("compliance.questionnaire-answered"),
    FINDING_RECORDED("compliance.finding-recorded"),
    FINDING_CLOSED("compliance.finding-closed"),
    /** An open major finding withholds the collectivity's trust roles. */
    TRUST_SUSPENDED("collectivity.trust-suspended"),
    TRUST_RESTORED("collectivity.trust-restored");

    private final String auditName;

    ComplianceEvent(String auditName) {
        this.auditName = auditName;
    }

    @Override
    public String auditName() {
        return auditName;
    }

    static AuditTarget finding(UUID id) {
        return AuditTarget.of("finding", id);
    }

    static AuditTarget questionnaire(UUID collectivity) {
        return AuditTarget.of("questionnaire", collectivity);
    }

    static AuditTarget collectivity(UUID collectivity) {
        return AuditTarget.of("collectivity", collectivity);
    }
}
