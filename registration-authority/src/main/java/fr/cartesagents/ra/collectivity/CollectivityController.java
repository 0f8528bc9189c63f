package fr.cartesagents.ra.collectivity;

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

/** Communes and groupings: search, read, and the reference data national administrators keep. */
@RestController
@Tag(name = "Collectivities", description = "Communes, EPCI and shared municipal police groupings")
record CollectivityController(CollectivityService collectivities, AccessPolicy policy, ApiEndpoints web) {

    static final String BASE = "/api/v1/collectivities";

    @Operation(summary = "Search the collectivities the caller may see (name prefix, INSEE code, department, kind), by pages")
    @GetMapping(path = BASE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResultPage<CollectivityView>> search(Actor actor, @RequestParam(required = false) String name,
                                              @RequestParam(required = false) String insee,
                                              @RequestParam(required = false) String department,
                                              @RequestParam(required = false) String kind,
                                              @RequestParam(required = false) String page,
                                              @RequestParam(required = false) String size) {
        return PageParameters.of(page, size)
                .flatMap(paging -> collectivities.search(actor, new CollectivitySearch(name, insee, department, kind, paging.page(),
                        paging.size())));
    }

    @Operation(summary = "Read a collectivity (ETag: its version)")
    @GetMapping(path = BASE + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CollectivityView>> find(Actor actor, @PathVariable UUID id) {
        return ApiEndpoints.tagged(collectivities.find(actor, id));
    }

    @Operation(summary = "Create a commune or a grouping (national administrators; Idempotency-Key required)")
    @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> create(Actor actor, IdempotentBody<NewCollectivity> creation) {
        return web.create(actor.auditName(), creation, policy.requireEverywhere(actor, Permission.ADMINISTER),
                request -> collectivities.create(actor, request));
    }

    @Operation(summary = "Replace the reference data of a collectivity: name, SIREN, department (national administrators; If-Match)")
    @PutMapping(path = BASE + "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CollectivityView>> update(Actor actor, @PathVariable UUID id, VersionedBody<CollectivityUpdate> change) {
        return ApiEndpoints.tagged(collectivities.update(actor, id, change.command()));
    }

    @Operation(summary = "Attach a collectivity to its registration office (national administrators; If-Match)")
    @PutMapping(path = BASE + "/{id}/registration-office", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CollectivityView>> assignOffice(Actor actor, @PathVariable UUID id, VersionedBody<OfficeAssignment> change) {
        return ApiEndpoints.tagged(collectivities.assignOffice(actor, id, change.command()));
    }

    @Operation(summary = "Replace the member communes of a grouping (national administrators; If-Match)")
    @PutMapping(path = BASE + "/{id}/members", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CollectivityView>> replaceMembers(Actor actor, @PathVariable UUID id, VersionedBody<GroupingMembers> change) {
        return ApiEndpoints.tagged(collectivities.replaceMembers(actor, id, change.command()));
    }

    @Operation(summary = "Record whether the mayor manages the cards personally (the mayor; If-Match)")
    @PutMapping(path = BASE + "/{id}/card-management", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CollectivityView>> setCardManagement(Actor actor, @PathVariable UUID id, VersionedBody<CardManagement> change) {
        return ApiEndpoints.tagged(collectivities.setCardManagement(actor, id, change.command()));
    }
}
