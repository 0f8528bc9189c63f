package fr.cartesagents.ra.portal;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;

/** What the portal records in the audit trail: {@code portal-session.opened}, {@code portal-session.ended}. */
@AuditSubject("portal-session")
enum PortalSessionEvent implements AuditAction {
    OPENED,
    ENDED;
}
