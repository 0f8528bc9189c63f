package fr.cartesagents.ra.order;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;
import fr.cartesagents.ra.lifecycle.LifecycleAction;

/**
 * The moves of a card order ({@link OrderLifecycle#TABLE}), each audited as {@code card-order.<action>}.
 * Callers take {@link #APPROVE} and {@link #CANCEL} ({@code POST /card-orders/{id}/transitions});
 * {@link #PERSONALIZE} and {@link #DELIVER} are taken by the personalization and the hand-over, in
 * their own transactions.
 */
@AuditSubject("card-order")
public enum OrderAction implements LifecycleAction, AuditAction {
    APPROVE,
    CANCEL,
    PERSONALIZE,
    DELIVER;

    /** The actions a caller may ask by name. */
    static final Set<OrderAction> REQUESTABLE = EnumSet.of(APPROVE, CANCEL);

    /** A requestable action by its API name. */
    static Optional<OrderAction> requestable(String apiName) {
        return REQUESTABLE.stream().filter(action -> action.apiName().equals(apiName)).findFirst();
    }
}
