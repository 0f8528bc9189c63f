package fr.cartesagents.ra.collectivity;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.http.JsonRequests;
import fr.cartesagents.ra.idempotency.IdempotencyKeys;
import fr.cartesagents.ra.idempotency.IdempotentRequest;
import fr.cartesagents.ra.idempotency.StoredResponse;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Communes and groupings: search, read, and the reference data national administrators keep. */
@RestController
@Tag(name = "Collectivities", description = "Communes, EPCI and shared municipal police groupings")
class CollectivityController {

    static final String BASE = "/api/v1/collectivities";

    private final CollectivityService collectivities;
    private final AccessPolicy policy;
    private final IdempotencyKeys idempotency;
    private final JsonRequests requests;
    private final JsonMapper json;

    CollectivityController(CollectivityService collectivities, AccessPolicy policy, IdempotencyKeys idempotency,
                           JsonRequests requests, JsonMapper json) {
        this.collectivities = collectivities;
        this.policy = policy;
        this.idempotency = idempotency;
        this.requests = requests;
        this.json = json;
    }

    @Operation(summary = "Search the collectivities the caller may see (name prefix, INSEE code, department, kind), by pages")
    @GetMapping(path = BASE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResultPage<CollectivityView>> search(Actor actor, @RequestParam(required = false) String name,
                                              @RequestParam(required = false) String insee,
                                              @RequestParam(required = false) String department,
                                              @RequestParam(required = false) String kind,
                                              @RequestParam(required = false) String page,
                                              @RequestParam(required = false) String size) {
        return Mono.fromCallable(() -> new CollectivitySearch(name, insee, department, kind, PageParameters.number("page", page, 0),
                        PageParameters.number("size", size, 50)))
                .flatMap(search -> collectivities.search(actor, search));
    }

    @Operation(summary = "Read a collectivity (ETag: its version)")
    @GetMapping(path = BASE + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CollectivityView>> find(Actor actor, @PathVariable UUID id) {
        return collectivities.find(actor, id).map(view -> ApiResponses.tagged(view, view.version()));
    }

    @Operation(summary = "Create a commune or a grouping (national administrators; Idempotency-Key required)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = NewCollectivity.class))))
    @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> create(Actor actor, @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key,
                                        @RequestBody(required = false) String body) {
        return policy.requireEverywhere(actor, Permission.ADMINISTER).then(Mono.defer(() -> {
            NewCollectivity request = requests.read(body, NewCollectivity.class);
            IdempotentRequest idempotent = IdempotentRequest.of(actor.auditName(), key, "POST", BASE, json.writeValueAsString(request));
            return idempotency.execute(idempotent, collectivities.create(actor, request)
                    .map(view -> StoredResponse.fresh(HttpStatus.CREATED.value(), json.writeValueAsString(view))));
        })).map(stored -> ApiResponses.stored(stored, BASE, json));
    }

    @Operation(summary = "Replace the reference data of a collectivity: name, SIREN, department (national administrators; If-Match)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = CollectivityUpdate.class))))
    @PutMapping(path = BASE + "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CollectivityView>> update(Actor actor, @PathVariable UUID id,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @RequestBody(required = false) String body) {
        return collectivities.update(actor, id, ifMatch, body).map(view -> ApiResponses.tagged(view, view.version()));
    }

    @Operation(summary = "Attach a collectivity to its registration office (national administrators; If-Match)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = OfficeAssignment.class))))
    @PutMapping(path = BASE + "/{id}/registration-office", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CollectivityView>> assignOffice(Actor actor, @PathVariable UUID id,
                                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                        @RequestBody(required = false) String body) {
        return collectivities.assignOffice(actor, id, ifMatch, body).map(view -> ApiResponses.tagged(view, view.version()));
    }

    @Operation(summary = "Replace the member communes of a grouping (national administrators; If-Match)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = GroupingMembers.class))))
    @PutMapping(path = BASE + "/{id}/members", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CollectivityView>> replaceMembers(Actor actor, @PathVariable UUID id,
                                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                          @RequestBody(required = false) String body) {
        return collectivities.replaceMembers(actor, id, ifMatch, body).map(view -> ApiResponses.tagged(view, view.version()));
    }

    @Operation(summary = "Record whether the mayor manages the cards personally (the mayor; If-Match)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = CardManagement.class))))
    @PutMapping(path = BASE + "/{id}/card-management", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CollectivityView>> setCardManagement(Actor actor, @PathVariable UUID id,
                                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                             @RequestBody(required = false) String body) {
        return collectivities.setCardManagement(actor, id, ifMatch, body).map(view -> ApiResponses.tagged(view, view.version()));
    }
}
