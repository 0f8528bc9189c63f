package fr.cartesagents.ra.collectivity;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditTarget;

/** The audit actions of the collectivity feature (collectivities and registration offices). */
enum CollectivityEvent implements AuditAction {
    CREATED("collectivity.created"),
    UPDATED("collectivity.updated"),
    OFFICE_ASSIGNED("collectivity.office-assigned"),
    MEMBERS_REPLACED("collectivity.members-replaced"),
    CARD_MANAGEMENT_CHANGED("collectivity.card-management-changed"),
    OFFICE_CREATED("registration-office.created"),
    OFFICE_UPDATED("registration-office.updated");

    private final String auditName;

    CollectivityEvent(String auditName) {
        this.auditName = auditName;
    }

    @Override
    public String auditName() {
        return auditName;
    }

    static AuditTarget collectivity(UUID id) {
        return AuditTarget.of("collectivity", id);
    }

    static AuditTarget office(UUID id) {
        return AuditTarget.of("registration-office", id);
    }
}
