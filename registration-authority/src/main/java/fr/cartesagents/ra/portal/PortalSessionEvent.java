package fr.cartesagents.ra.portal;

import fr.cartesagents.ra.audit.AuditAction;

/** What the portal records in the audit trail: {@code portal-session.opened}, {@code portal-session.ended}. */
enum PortalSessionEvent implements AuditAction {
    OPENED,
    ENDED;

    @Override
    public String subject() {
        return "portal-session";
    }
}
