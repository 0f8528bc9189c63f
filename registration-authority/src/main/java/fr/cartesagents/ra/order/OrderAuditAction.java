package fr.cartesagents.ra.order;

/** The audit trail's vocabulary for card orders and personalization. */
enum OrderAuditAction {
    CREATED("card-order.created"),
    APPROVED("card-order.approved"),
    CANCELLED("card-order.cancelled"),
    PERSONALIZED("card-order.personalized"),
    DELIVERED("card-order.delivered");

    private final String auditName;

    OrderAuditAction(String auditName) {
        this.auditName = auditName;
    }

    String auditName() {
        return auditName;
    }

    static OrderAuditAction of(OrderAction action) {
        return switch (action) {
            case APPROVE -> APPROVED;
            case CANCEL -> CANCELLED;
            case PERSONALIZE -> PERSONALIZED;
            case DELIVER -> DELIVERED;
        };
    }
}
