package fr.cartesagents.ra.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * Where a charged service becomes a billing line (annex 1 of the CARTES convention: a replacement
 * card, 30 € before tax). Defined by the order feature, implemented by the billing feature; an
 * order calls it in its own transaction, so that the line and the order commit together.
 */
public interface BillingLedger {

    /** Writes {@code line}; joins the caller's transaction. */
    Mono<Void> record(Line line);

    /**
     * The order was cancelled: each of its lines not yet credited gets a credit line (the opposite
     * amount, dated {@code at}, so a statement already sent stays as it was), with an audit event;
     * joins the caller's transaction. Nothing when the order has no line.
     */
    Mono<Void> credit(Actor actor, UUID collectivityId, UUID orderId, Instant at);

    /**
     * @param collectivityId who pays
     * @param orderId        the card order charged
     * @param item           what is charged, e.g. {@code card-replacement:loss}
     * @param amountCents    euro cents, before tax
     * @param at             when the charged order was placed
     */
    record Line(UUID collectivityId, UUID orderId, String item, int amountCents, Instant at) {

        public Line {
            Objects.requireNonNull(collectivityId, "collectivityId");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(at, "at");
        }
    }
}
