package fr.cartesagents.ra.convention;

import java.util.Optional;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.IdempotentBody;
import fr.cartesagents.ra.web.PageParameters;
import fr.cartesagents.ra.web.ResultPage;
import fr.cartesagents.ra.web.VersionedBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** Conventions CARTES, COMEDEC and PVE: read by their parties, managed by national administrators. */
@RestController
@Tag(name = "Conventions", description = "CARTES (ANTS), COMEDEC (civil status), PVE (ANTAI) conventions and their lifecycle")
record ConventionController(ConventionService conventions, AccessPolicy policy, ApiEndpoints web) {

    static final String BASE = "/api/v1/conventions";

    @Operation(summary = "The conventions of the collectivities the caller may see (filters: collectivityId, kind, state), by pages")
    @GetMapping(path = BASE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResultPage<ConventionView>> search(Actor actor, @RequestParam(required = false) UUID collectivityId,
                                            @RequestParam(required = false) String kind, @RequestParam(required = false) String state,
                                            @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return PageParameters.of(page, size)
                .flatMap(paging -> conventions.search(actor, Optional.ofNullable(collectivityId), Optional.ofNullable(kind),
                        Optional.ofNullable(state), paging.page(), paging.size()));
    }

    @Operation(summary = "Read a convention (ETag: its version)")
    @GetMapping(path = BASE + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ConventionView>> find(Actor actor, @PathVariable UUID id) {
        return ApiEndpoints.tagged(conventions.find(actor, id));
    }

    @Operation(summary = "Draft a convention (national administrators; Idempotency-Key required)")
    @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> create(Actor actor, IdempotentBody<NewConvention> creation) {
        return web.create(actor.auditName(), creation, policy.requireEverywhere(actor, Permission.ADMINISTER),
                request -> conventions.create(actor, request));
    }

    @Operation(summary = "Replace the annex: designated delegates, numbers of officers, agents, workstations (national administrators; If-Match)")
    @PutMapping(path = BASE + "/{id}/annex", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ConventionView>> replaceAnnex(Actor actor, @PathVariable UUID id, VersionedBody<ConventionAnnex> change) {
        return ApiEndpoints.tagged(conventions.replaceAnnex(actor, id, change.command()));
    }

    @Operation(summary = "Move the convention: sign, activate, suspend, reactivate, request_termination (national administrators; If-Match)")
    @PostMapping(path = BASE + "/{id}/transitions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ConventionView>> transition(Actor actor, @PathVariable UUID id, VersionedBody<TransitionRequest> change) {
        return ApiEndpoints.tagged(conventions.transition(actor, id, change.command()));
    }
}
