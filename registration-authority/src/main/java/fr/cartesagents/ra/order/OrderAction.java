package fr.cartesagents.ra.order;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

import static fr.cartesagents.ra.order.OrderState.APPROVED;
import static fr.cartesagents.ra.order.OrderState.CANCELLED;
import static fr.cartesagents.ra.order.OrderState.DELIVERED;
import static fr.cartesagents.ra.order.OrderState.PERSONALIZED;
import static fr.cartesagents.ra.order.OrderState.REQUESTED;

/**
 * The table of allowed moves of a card order. Callers take {@link #APPROVE} and {@link #CANCEL}
 * ({@code POST /card-orders/{id}/transitions}); {@link #PERSONALIZE} and {@link #DELIVER} are taken
 * by the personalization and the hand-over, in their own transactions. Once personalized, an order
 * is no longer cancelled: its card is (revocation).
 */
public enum OrderAction {
    APPROVE(EnumSet.of(REQUESTED), APPROVED),
    CANCEL(EnumSet.of(REQUESTED, APPROVED), CANCELLED),
    PERSONALIZE(EnumSet.of(APPROVED), PERSONALIZED),
    DELIVER(EnumSet.of(PERSONALIZED), DELIVERED);

    /** The actions a caller may ask by name. */
    static final Set<OrderAction> REQUESTABLE = EnumSet.of(APPROVE, CANCEL);

    private final Set<OrderState> from;
    private final OrderState to;

    OrderAction(Set<OrderState> from, OrderState to) {
        this.from = from;
        this.to = to;
    }

    /** The state after this action from {@code current}; 409 if the table does not allow it. */
    public OrderState from(OrderState current) {
        if (!from.contains(current)) {
            throw refusal(current);
        }
        return to;
    }

    public OrderState to() {
        return to;
    }

    String[] fromNames() {
        return from.stream().map(OrderState::databaseName).sorted().toArray(String[]::new);
    }

    public ProblemException refusal(OrderState current) {
        return ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "order.illegal-transition", apiName(),
                current.databaseName(), from.stream().map(OrderState::databaseName).sorted().toList().toString());
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A requestable action by its API name. */
    static Optional<OrderAction> requestable(String apiName) {
        return REQUESTABLE.stream().filter(action -> action.apiName().equals(apiName)).findFirst();
    }
}
