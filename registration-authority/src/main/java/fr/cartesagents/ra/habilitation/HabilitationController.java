package fr.cartesagents.ra.habilitation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
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
import fr.cartesagents.ra.web.VersionedMove;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** The habilitations of a collectivity's people, managed by its mayor and delegates. */
@RestController
@Tag(name = "Habilitations", description = "Rights of the collectivity's people per application (COMEDEC, ACTES, HELIOS, SAIP, TES, PVE)")
record HabilitationController(HabilitationService habilitations, ApiEndpoints web) {

    static final String BASE = "/api/v1/collectivities/{collectivityId}/habilitations";

    @Operation(summary = "Grant a habilitation (mayor or delegate of the collectivity; Idempotency-Key required): 201, or 202"
            + " with a habilitation request when the caller grants it to themselves (another manager approves it)")
    @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> grant(Actor actor, @PathVariable UUID collectivityId, IdempotentBody<GrantHabilitationRequest> grant) {
        // Authorized on the path before the body is read: another collectivity's caller gets 403, nothing more.
        return habilitations.requireManager(actor, collectivityId).then(web.body(grant))
                .flatMap(request -> web.once(actor.auditName(), grant, request, habilitations.grant(actor, collectivityId, request),
                        outcome -> outcome instanceof GrantOutcome.Granted granted
                                ? new ApiEndpoints.Answer(HttpStatus.CREATED, HabilitationView.of(granted.habilitation()))
                                : new ApiEndpoints.Answer(HttpStatus.ACCEPTED, ((GrantOutcome.Requested) outcome).request())))
                // 201 with the habilitation, or 202 with the request that waits for another manager
                .map(stored -> web.created(stored, status -> status == HttpStatus.ACCEPTED.value()
                        ? HabilitationRequestController.BASE.replace("{collectivityId}", collectivityId.toString())
                        : grant.collection()));
    }

    @Operation(summary = "Withdraw a habilitation (If-Match required); withdrawing COMEDEC withdraws the ACTES and HELIOS resting on it")
    @PostMapping(path = BASE + "/{id}/withdrawal", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<HabilitationView>> withdraw(Actor actor, @PathVariable UUID collectivityId, @PathVariable UUID id,
                                                    VersionedMove move) {
        return ApiEndpoints.tagged(habilitations.withdraw(actor, collectivityId, id, move.expected()).map(HabilitationView::of));
    }

    @Operation(summary = "One habilitation, with its history (ETag = version)")
    @GetMapping(path = BASE + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<HabilitationView>> read(Actor actor, @PathVariable UUID collectivityId, @PathVariable UUID id) {
        return ApiEndpoints.tagged(habilitations.read(actor, collectivityId, id).map(HabilitationView::of));
    }

    @Operation(summary = "The collectivity's habilitations, optionally of one person, one application, one status")
    @GetMapping(path = BASE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<HabilitationView>> list(Actor actor, @PathVariable UUID collectivityId,
                                      @RequestParam(name = "person", required = false) UUID personId,
                                      @RequestParam(required = false) String application,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(defaultValue = "100") int limit,
                                      @RequestParam(defaultValue = "0") long offset) {
        return habilitations.list(actor, collectivityId, Optional.ofNullable(personId), Optional.ofNullable(application),
                        Optional.ofNullable(status), limit, offset)
                .map(HabilitationView::of)
                .collectList();
    }

    @Operation(summary = "A person's habilitations: the holder's own, or those of the collectivities the caller may read")
    @GetMapping(path = "/api/v1/people/{personId}/habilitations", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<HabilitationView>> ofPerson(Actor actor, @PathVariable UUID personId) {
        return habilitations.ofPerson(actor, personId).map(HabilitationView::of).collectList();
    }
}
