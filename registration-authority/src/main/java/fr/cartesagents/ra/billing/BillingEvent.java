package fr.cartesagents.ra.billing;

import fr.cartesagents.ra.audit.AuditAction;

/** What the billing feature records. */
enum BillingEvent implements AuditAction {
    READERS_DELIVERED;

    @Override
    public String subject() {
        return "billing";
    }
}
