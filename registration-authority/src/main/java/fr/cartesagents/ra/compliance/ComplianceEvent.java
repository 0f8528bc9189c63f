package fr.cartesagents.ra.compliance;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;
import fr.cartesagents.ra.audit.AuditTarget;

/** The audit actions of the questionnaire and the findings ({@code compliance.finding-closed}...). */
@AuditSubject("compliance")
enum ComplianceEvent implements AuditAction {
    QUESTIONNAIRE_ANSWERED, FINDING_RECORDED, FINDING_CLOSED;

    static AuditTarget finding(UUID id) {
        return AuditTarget.of("finding", id);
    }

    static AuditTarget questionnaire(UUID collectivity) {
        return AuditTarget.of("questionnaire", collectivity);
    }
}
