package fr.cartesagents.ra.directory;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.IdempotentBody;
import fr.cartesagents.ra.web.VersionedBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The mayor's delegations in a collectivity (e.g. officier d'état civil délégué). */
@RestController
@Tag(name = "Directory")
record DelegationController(DelegationService delegations, ApiEndpoints web) {

    private static final String DELEGATIONS = "/api/v1/collectivities/{collectivityId}/delegations";

    @Operation(summary = "Record a delegation of the mayor, with its dates and arrêté reference (APPOINT_DELEGATES)")
    @PostMapping(path = DELEGATIONS, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> record(Actor actor, @PathVariable UUID collectivityId, IdempotentBody<DelegationRequest> creation) {
        return web.create(actor.auditName(), creation, delegations.mayRecord(actor, collectivityId),
                valid -> delegations.record(actor, collectivityId, valid));
    }

    @Operation(summary = "The delegations of the collectivity, current and past (READ)")
    @GetMapping(path = DELEGATIONS, produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<DelegationView> list(Actor actor, @PathVariable UUID collectivityId) {
        return delegations.list(actor, collectivityId);
    }

    @Operation(summary = "One delegation (READ); ETag for ending it")
    @GetMapping(path = DELEGATIONS + "/{delegationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<DelegationView>> read(Actor actor, @PathVariable UUID collectivityId, @PathVariable UUID delegationId) {
        return delegations.find(actor, collectivityId, delegationId)
                .map(ApiEndpoints::tagged);
    }

    @Operation(summary = "End a delegation, at once or on a given day (APPOINT_DELEGATES, If-Match)")
    @PostMapping(path = DELEGATIONS + "/{delegationId}/end", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<DelegationView>> end(Actor actor, @PathVariable UUID collectivityId, @PathVariable UUID delegationId,
                                             VersionedBody<EndRequest> change) {
        return ApiEndpoints.tagged(delegations.end(actor, collectivityId, delegationId, change.commandOr(EndRequest.AT_ONCE)));
    }
}
