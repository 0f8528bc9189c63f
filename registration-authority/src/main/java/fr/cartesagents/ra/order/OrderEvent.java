package fr.cartesagents.ra.order;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;
import fr.cartesagents.ra.audit.AuditTarget;

/** The audit actions of card orders other than the moves of {@link OrderAction}. */
@AuditSubject("card-order")
enum OrderEvent implements AuditAction {
    CREATED;

    static AuditTarget target(UUID orderId) {
        return AuditTarget.of("card-order", orderId);
    }
}
