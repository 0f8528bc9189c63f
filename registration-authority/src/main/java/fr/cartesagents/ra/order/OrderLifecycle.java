package fr.cartesagents.ra.order;

import static fr.cartesagents.ra.order.OrderAction.APPROVE;
import static fr.cartesagents.ra.order.OrderAction.CANCEL;
import static fr.cartesagents.ra.order.OrderAction.DELIVER;
import static fr.cartesagents.ra.order.OrderAction.PERSONALIZE;
import static fr.cartesagents.ra.order.OrderState.APPROVED;
import static fr.cartesagents.ra.order.OrderState.CANCELLED;
import static fr.cartesagents.ra.order.OrderState.DELIVERED;
import static fr.cartesagents.ra.order.OrderState.PERSONALIZED;
import static fr.cartesagents.ra.order.OrderState.REQUESTED;

import fr.cartesagents.ra.lifecycle.TransitionTable;

/**
 * The lifecycle of a card order: requested → approved (registration office) → personalized →
 * delivered, or cancelled before personalization. Once personalized, an order is no longer
 * cancelled: its card is revoked. Anything else is a 409 ({@code order.illegal-transition}).
 */
final class OrderLifecycle {

    static final TransitionTable<OrderState, OrderAction> TABLE =
            TransitionTable.of(OrderState.class, OrderAction.class, "order.illegal-transition")
                    .allow(APPROVE, REQUESTED).to(APPROVED)
                    .allow(CANCEL, REQUESTED, APPROVED).to(CANCELLED)
                    .allow(PERSONALIZE, APPROVED).to(PERSONALIZED)
                    .allow(DELIVER, PERSONALIZED).to(DELIVERED)
                    .build();

    private OrderLifecycle() {
    }
}
