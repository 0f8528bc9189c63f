package fr.cartesagents.ra.collectivity;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditTarget;

/** The audit actions on a collectivity ({@code collectivity.created}...). */
enum CollectivityEvent implements AuditAction {
    CREATED, UPDATED, OFFICE_ASSIGNED, MEMBERS_REPLACED, CARD_MANAGEMENT_CHANGED;

    @Override
    public String subject() {
        return "collectivity";
    }

    static AuditTarget target(UUID id) {
        return AuditTarget.of("collectivity", id);
    }
}
