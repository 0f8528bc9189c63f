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
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.lifecycle.LifecycleSpec;

/** The order's lifecycle as issue 11 states it: requested → approved → personalized → delivered, or cancelled. */
class OrderLifecycleTest {

    @Test
    void theTableIsTheOrdersLifecycle() {
        LifecycleSpec.of(OrderLifecycle.TABLE, OrderState.class, OrderAction.class)
                .row(APPROVE, APPROVED, REQUESTED)
                .row(CANCEL, CANCELLED, REQUESTED, APPROVED)
                .row(PERSONALIZE, PERSONALIZED, APPROVED)
                .row(DELIVER, DELIVERED, PERSONALIZED)
                .verify(DELIVERED, CANCELLED);
    }

    @Test
    void callersMayAskOnlyApproveAndCancel_andTheAuditNamesStay() {
        assertThat(OrderAction.requestable("approve")).contains(APPROVE);
        assertThat(OrderAction.requestable("cancel")).contains(CANCEL);
        assertThat(OrderAction.requestable("personalize")).isEmpty();
        assertThat(Arrays.stream(OrderAction.values()).map(OrderAction::auditName))
                .containsExactly("card-order.approve", "card-order.cancel", "card-order.personalize", "card-order.deliver");
        assertThat(OrderEvent.CREATED.auditName()).isEqualTo("card-order.created");
    }

    @Test
    void annexOneChargesOnlyBeyondTheFreeCardOfThePeriod_exceptDefects() {
        assertThat(Fees.feeCents(OrderReason.INITIAL, 0)).isZero();
        assertThat(Fees.feeCents(OrderReason.LOSS, 0)).as("no free card used in the period yet").isZero();
        assertThat(Fees.feeCents(OrderReason.LOSS, 1)).isEqualTo(3000);
        assertThat(Fees.feeCents(OrderReason.THEFT, 1)).isEqualTo(3000);
        assertThat(Fees.feeCents(OrderReason.REPLACEMENT_DEFECT, 3)).isZero();
    }
}
