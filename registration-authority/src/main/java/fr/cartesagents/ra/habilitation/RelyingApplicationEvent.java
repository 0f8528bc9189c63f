package fr.cartesagents.ra.habilitation;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;
import fr.cartesagents.ra.audit.AuditTarget;

/** The audit actions on relying applications ({@code relying-application.registered}...). */
@AuditSubject("relying-application")
enum RelyingApplicationEvent implements AuditAction {
    REGISTERED, ENABLED, DISABLED;

    static RelyingApplicationEvent of(RelyingApplicationStatus status) {
        return valueOf(status.name());
    }

    static AuditTarget target(UUID id) {
        return AuditTarget.of("relying-application", id);
    }
}
