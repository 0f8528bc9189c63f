package fr.cartesagents.ra.order;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ca.cardsecret.CardSecrets;
import fr.cartesagents.ca.cardsecret.CardSerial;
import fr.cartesagents.ra.idempotency.StoredResponse;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.IdempotentBody;
import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/card-orders/{id}/personalization}: the operator's bridge sends the blank
 * card's serial and the two requests its new keys signed; the answer (201) carries both
 * certificates. Idempotent: the bridge retries with the same Idempotency-Key after a lost answer or
 * a restart of the server and gets the same certificates, never a second pair. Each answer also
 * carries the card's PUK for the bridge to set on the card, derived from the master key of
 * {@code cartes.card-secrets.*} ({@link CardSecrets}, the same the unblock releases it from) again
 * for every answer: never stored, never logged.
 */
@RestController
record PersonalizationController(PersonalizationService personalization, ApiEndpoints web, CardSecrets cardSecrets,
                                 JsonMapper json) {

    @Operation(summary = "Issue both certificates of the order's card in one transaction (the operator's own credentials; Idempotency-Key)")
    @PostMapping(path = OrderController.ORDERS + "/{id}/personalization", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> personalize(Actor actor, @PathVariable UUID id, IdempotentBody<PersonalizationRequest> issuance) {
        return personalization.authorize(actor, id)
                .flatMap(order -> web.body(issuance).flatMap(request -> web.once(actor.auditName(), issuance, request,
                        Mono.defer(() -> personalization.reserveAndSign(actor, order, request)),
                        prepared -> personalization.record(actor, prepared), HttpStatus.CREATED)))
                .flatMap(this::withUnblockSecret)
                .map(stored -> web.stored(stored, "/api/v1/cards", "cardId"));
    }

    /** Adds the card's PUK, derived now (in the HSM when the master key lives there), to the stored answer. */
    private Mono<StoredResponse> withUnblockSecret(StoredResponse stored) {
        if (stored.status() != HttpStatus.CREATED.value()) {
            return Mono.just(stored);
        }
        return Mono.fromCallable(() -> {
            ObjectNode answer = (ObjectNode) json.readTree(stored.jsonBody());
            CardSerial serial = new CardSerial(answer.get("cardSerial").asString());
            answer.put("puk", cardSecrets.puk(serial).digits());
            return new StoredResponse(stored.status(), json.writeValueAsString(answer), stored.replayed());
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
