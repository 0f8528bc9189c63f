package fr.cartesagents.ra.unblock;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.ratelimit.ClientAddress;
import fr.cartesagents.ra.web.ApiEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** Unblocking a card (Art. V): a code by e-mail to the holder, then that card's unblock secret for the bridge. */
@RestController
@Tag(name = "Unblock", description = "Server-assisted unblock of a card whose PIN is blocked")
class UnblockController {

    private final UnblockService unblock;
    private final ApiEndpoints web;

    UnblockController(UnblockService unblock, ApiEndpoints web) {
        this.unblock = unblock;
        this.web = web;
    }

    @Operation(summary = "Send a one-time unblock code (8 digits, 15 minutes) to the holder's registered address: by the holder,"
            + " their mayor or delegates, or the registration office (which also lifts a lock-out); 3 per card per hour")
    @PostMapping(path = "/api/v1/cards/{cardId}/unblock-requests", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<UnblockCodeView>> requestCode(Actor actor, @PathVariable UUID cardId) {
        return unblock.requestCode(actor, cardId)
                .map(view -> ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(view));
    }

    @Operation(summary = "The bridge reset the PIN with the released secret: the card is no longer recorded as blocked"
            + " (pinBlockedSince); by the holder, their mayor or delegates, or the registration office; 409 while no secret was"
            + " released since the block was recorded")
    @PostMapping(path = "/api/v1/cards/{cardId}/unblock/completion")
    Mono<ResponseEntity<Void>> completed(Actor actor, @PathVariable UUID cardId) {
        return unblock.completed(actor, cardId).thenReturn(ResponseEntity.noContent().build());
    }

    @Operation(summary = "With the mailed code (no client certificate: the card is blocked), release THAT card's PUK, or the"
            + " response to its challenge; 422 wrong code, 423 after 5 wrong codes, 429 too many attempts")
    @PostMapping(path = "/api/v1/cards/{cardId}/unblock", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<UnblockSecretView> unblock(@PathVariable UUID cardId, @RequestBody(required = false) String body, ServerHttpRequest request) {
        return web.body(body, UnblockRequest.class)
                .flatMap(unblockRequest -> unblock.unblock(cardId, unblockRequest, ClientAddress.of(request)));
    }
}
