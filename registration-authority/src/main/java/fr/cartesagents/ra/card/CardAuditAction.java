package fr.cartesagents.ra.card;

/** The audit trail's vocabulary for cards: one action per move of {@link CardAction}, plus creation and renewal. */
public enum CardAuditAction {
    PERSONALIZED("card.personalized"),
    DELIVERED("card.delivered"),
    ACTIVATED("card.activated"),
    REVOKED("card.revoked"),
    EXPIRED("card.expired"),
    CERTIFICATES_RENEWED("card.certificates-renewed");

    private final String auditName;

    CardAuditAction(String auditName) {
        this.auditName = auditName;
    }

    public String auditName() {
        return auditName;
    }

    static CardAuditAction of(CardAction action) {
        return switch (action) {
            case DELIVER -> DELIVERED;
            case ACTIVATE -> ACTIVATED;
            case REVOKE -> REVOKED;
            case EXPIRE -> EXPIRED;
        };
    }
}
