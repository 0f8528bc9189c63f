package fr.cartesagents.ra.billing;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditTarget;

/** What the billing feature records. */
enum BillingEvent implements AuditAction {
    READERS_DELIVERED,
    /** A cancelled order's charge credited back. */
    LINE_CREDITED;

    @Override
    public String subject() {
        return "billing";
    }

    /** How the audit trail names the card order a billing line is about (as the order feature does). */
    static AuditTarget orderTarget(UUID orderId) {
        return AuditTarget.of("card-order", orderId);
    }
}
