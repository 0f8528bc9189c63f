package fr.cartesagents.ra.order;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/** How the hand-over closes the order of the card it delivers, in the hand-over's transaction. */
@Component
public class OrderFulfilment {

    private final OrderRepository orders;
    private final OrderService service;

    OrderFulfilment(OrderRepository orders, OrderService service) {
        this.orders = orders;
        this.service = service;
    }

    /** personalized → delivered, with its audit event; joins the caller's transaction. */
    public Mono<Void> delivered(Actor actor, UUID orderId, UUID cardId) {
        return orders.lock(orderId)
                .switchIfEmpty(Mono.error(() -> OrderService.notFound(orderId)))
                .flatMap(order -> service.move(actor, order, OrderAction.DELIVER, Map.of("card", cardId.toString())))
                .then();
    }
}
