package fr.cartesagents.ra.billing;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;
import fr.cartesagents.ra.audit.AuditTarget;

/** What the billing feature records. */
@AuditSubject("billing")
enum BillingEvent implements AuditAction {
    READERS_DELIVERED,
    /** A cancelled order's charge credited back. */
    LINE_CREDITED;

    /** How the audit trail names the card order a billing line is about (as the order feature does). */
    static AuditTarget orderTarget(UUID orderId) {
        return AuditTarget.of("card-order", orderId);
    }
}
