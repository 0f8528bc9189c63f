package fr.cartesagents.ra.order;

import java.util.Optional;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.IdempotentBody;
import fr.cartesagents.ra.web.PageParameters;
import fr.cartesagents.ra.web.ResultPage;
import fr.cartesagents.ra.web.VersionedBody;
import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Mono;

/** Card orders: placed by the mayor, a delegate or the registration office, approved by the office (docs/api.md). */
@RestController
record OrderController(OrderService orders, ApiEndpoints web) {

    static final String ORDERS = "/api/v1/card-orders";

    @Operation(summary = "Order a card for a person of the collectivity (mayor, delegate, registration office; Idempotency-Key)")
    @PostMapping(path = "/api/v1/collectivities/{id}/card-orders", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> create(Actor actor, @PathVariable UUID id, IdempotentBody<NewOrderRequest> creation) {
        // the key is bound to this collectivity's path; the order itself is read at /api/v1/card-orders/{id}
        return web.create(actor.auditName(), creation.createdUnder(ORDERS), orders.authorizeOrdering(actor, id),
                request -> orders.create(actor, id, request).map(OrderView::of));
    }

    @Operation(summary = "The collectivity's card orders, newest first (?state=&page=&size=)")
    @GetMapping(path = "/api/v1/collectivities/{id}/card-orders", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResultPage<OrderView>> ofCollectivity(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String state,
                                               @RequestParam(required = false) String page,
                                               @RequestParam(required = false) String size) {
        return PageParameters.of(page, size)
                .flatMap(paging -> orders.ofCollectivity(actor, id, Optional.ofNullable(state), paging.page(), paging.size()));
    }

    @GetMapping(path = ORDERS + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<OrderView>> find(Actor actor, @PathVariable UUID id) {
        return ApiEndpoints.tagged(orders.find(actor, id).map(OrderView::of));
    }

    @Operation(summary = "approve (registration office) or cancel the order; If-Match optional")
    @PostMapping(path = ORDERS + "/{id}/transitions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<OrderView>> transition(Actor actor, @PathVariable UUID id, VersionedBody<OrderTransitionRequest> change) {
        return change.expectedIfGiven()
                .flatMap(expected -> ApiEndpoints.tagged(orders.transition(actor, id, expected, change.body()).map(OrderView::of)));
    }
}
