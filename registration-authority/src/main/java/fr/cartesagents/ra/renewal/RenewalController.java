package fr.cartesagents.ra.renewal;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.idempotency.IdempotencyKeys;
import fr.cartesagents.ra.idempotency.IdempotentRequest;
import fr.cartesagents.ra.idempotency.StoredResponse;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.AuthenticationOrigin;
import fr.cartesagents.ra.web.ApiEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/cards/{cardId}/renewal}: the holder's bridge sends the two requests of the
 * new key pairs it generated on the card; the answer (200) carries both new certificates. Idempotent
 * as the personalization is (two phases: the serials are reserved and signed before the recording
 * transaction): a retry with the same Idempotency-Key and body gets the same certificates, even with the
 * certificate the renewal superseded ({@link SupersededRenewalReplay}), which may replay and nothing else.
 */
@RestController
@Tag(name = "Renewal", description = "The holder renews the certificates of their card on the same card, without a new hand-over")
class RenewalController {

    private final RenewalService renewals;
    private final IdempotencyKeys idempotency;
    private final ApiEndpoints web;
    private final JsonMapper json;

    RenewalController(RenewalService renewals, IdempotencyKeys idempotency, ApiEndpoints web, JsonMapper json) {
        this.renewals = renewals;
        this.idempotency = idempotency;
        this.web = web;
        this.json = json;
    }

    @Operation(summary = "Renew both certificates of the caller's own card on the same card (new key pairs), in the window before"
            + " they expire; the old ones are revoked as superseded; Idempotency-Key required")
    @PostMapping(path = "/api/v1/cards/{cardId}/renewal", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> renew(Actor actor, @PathVariable UUID cardId,
                                       @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key,
                                       @RequestBody(required = false) String body) {
        String path = path(cardId);
        return renewals.authorize(actor, cardId)
                .flatMap(card -> web.body(body, RenewalRequest.class).flatMap(request -> Mono.fromCallable(() ->
                                IdempotentRequest.of(actor.auditName(), key, "POST", path, json.writeValueAsString(request)))
                        .flatMap(idempotent -> idempotency.execute(idempotent,
                                // Reached only when nothing is stored for the key: a superseded certificate only replays
                                Mono.defer(() -> AuthenticationOrigin.SUPERSEDED_CERTIFICATE.equals(actor.origin())
                                        ? Mono.error(ProblemException.localized(ProblemType.FORBIDDEN, "renewal.replay-only"))
                                        : renewals.reserveAndSign(actor, card, request)),
                                prepared -> renewals.record(actor, prepared, idempotent.key())
                                        .map(view -> StoredResponse.fresh(HttpStatus.OK.value(), json.writeValueAsString(view)))))))
                .map(stored -> web.stored(stored, path, "cardId"));
    }

    static String path(UUID cardId) {
        return "/api/v1/cards/" + cardId + "/renewal";
    }
}
