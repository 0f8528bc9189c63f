package fr.cartesagents.ra.revocation;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;

/**
 * What the revocation feature records besides the card's own move ({@code card.revoke}) and the
 * certificates' ({@code certificate.revoked}): every attempt without the card, accepted or not.
 */
@AuditSubject("revocation")
enum RevocationEvent implements AuditAction {
    CODE_ISSUED,
    CODE_ACCEPTED,
    CODE_REJECTED,
    LINK_REQUESTED,
    LINK_ACCEPTED,
    LINK_REJECTED,
    RATE_LIMITED;
}
