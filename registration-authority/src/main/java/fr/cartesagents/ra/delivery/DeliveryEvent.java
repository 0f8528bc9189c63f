package fr.cartesagents.ra.delivery;

import fr.cartesagents.ra.audit.AuditAction;

/** The audit actions of the hand-over other than the card's own moves. */
enum DeliveryEvent implements AuditAction {
    /** The sealed identity document of a hand-over was read back (registration office, auditors). */
    IDENTITY_DOCUMENT_READ,
    /** An activation challenge was given out. */
    ACTIVATION_CHALLENGED;

    @Override
    public String subject() {
        return "card";
    }
}
