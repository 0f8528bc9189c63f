package fr.cartesagents.ra.card;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditTarget;

/** The audit actions of cards other than the moves of {@link CardAction}. */
public enum CardEvent implements AuditAction {
    /** Both certificates issued and the card recorded, in one transaction. */
    PERSONALIZED,
    /** New key pairs on the same card, certified (renewal). */
    CERTIFICATES_RENEWED,
    /** The holder's PIN is known to be blocked (an unblock was asked). */
    PIN_BLOCKED,
    /** The holder's PIN works again (unblock reported done, or the card logged in). */
    PIN_UNBLOCKED;

    @Override
    public String subject() {
        return "card";
    }

    /** How the audit trail names a card. */
    public static AuditTarget target(UUID cardId) {
        return AuditTarget.of("card", cardId);
    }
}
