package fr.cartesagents.ra.collectivity;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;
import fr.cartesagents.ra.audit.AuditTarget;

/** The audit actions on a registration office ({@code registration-office.created}...). */
@AuditSubject("registration-office")
enum OfficeEvent implements AuditAction {
    CREATED, UPDATED;

    static AuditTarget target(UUID id) {
        return AuditTarget.of("registration-office", id);
    }
}
