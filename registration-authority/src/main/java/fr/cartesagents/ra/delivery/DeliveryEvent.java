package fr.cartesagents.ra.delivery;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;

/** The audit actions of the hand-over other than the card's own moves. */
@AuditSubject("card")
enum DeliveryEvent implements AuditAction {
    /** The sealed identity document of a hand-over was read back (registration office, auditors). */
    IDENTITY_DOCUMENT_READ,
    /** The identity document of a hand-over (details and copy) was deleted at the end of its retention. */
    IDENTITY_DOCUMENT_DELETED,
    /** An activation challenge was given out. */
    ACTIVATION_CHALLENGED;
}
