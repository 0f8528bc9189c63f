package fr.cartesagents.ra.card;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.lifecycle.LifecycleAction;

/**
 * The moves of a card (where each starts from and leads to: {@link CardLifecycle#TABLE}), each
 * audited as {@code card.<action>}.
 */
public enum CardAction implements LifecycleAction, AuditAction {
    /** Handed over face to face (Art. III): identity checked, terms accepted, receipt signed. */
    DELIVER,
    /** The holder set their PIN and the card proved it by signing the server's challenge. */
    ACTIVATE,
    /** Both certificates revoked together (Art. VI). */
    REVOKE,
    /** Six years after personalization (Art. V). */
    EXPIRE;

    @Override
    public String subject() {
        return "card";
    }
}
