package fr.cartesagents.ra.collectivity;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;
import fr.cartesagents.ra.audit.AuditTarget;

/**
 * The audit actions on a collectivity ({@code collectivity.created}...), whichever feature records
 * them: the compliance feature's suspension of its trust roles (an open major finding) and their
 * restoration (the last one closed) are among them.
 */
@AuditSubject("collectivity")
public enum CollectivityEvent implements AuditAction {
    CREATED, UPDATED, OFFICE_ASSIGNED, MEMBERS_REPLACED, CARD_MANAGEMENT_CHANGED, TRUST_SUSPENDED, TRUST_RESTORED;

    public static AuditTarget target(UUID id) {
        return AuditTarget.of("collectivity", id);
    }
}
