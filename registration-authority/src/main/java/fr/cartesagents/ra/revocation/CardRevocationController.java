package fr.cartesagents.ra.revocation;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.IdempotentBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** Revocation of a card by its holder, its mayor or delegates, or its registration office (Art. VI). */
@RestController
@Tag(name = "Revocation", description = "Revoking a card: both certificates at once, OCSP and CRL at once")
record CardRevocationController(CardRevocationService revocations, ApiEndpoints web) {

    @Operation(summary = "Revoke a card (both certificates); reason loss, theft, departure, function_change, defect or key_compromise;"
            + " Idempotency-Key required; 409 when the card is already revoked or expired")
    @PostMapping(path = "/api/v1/cards/{cardId}/revocation", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> revoke(Actor actor, @PathVariable UUID cardId, IdempotentBody<CardRevocationRequest> revocation) {
        return revocations.authorize(actor, cardId)
                .flatMap(capacities -> web.body(revocation)
                        .flatMap(request -> web.once(actor.auditName(), revocation, request,
                                revocations.revoke(actor, cardId, capacities, request), HttpStatus.OK)))
                .map(stored -> web.stored(stored, revocation.collection(), "cardId"));
    }
}
