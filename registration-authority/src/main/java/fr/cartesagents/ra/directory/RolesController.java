package fr.cartesagents.ra.directory;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.idempotency.IdempotentRequest;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.web.ApiEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The mayor and the delegates of a collectivity, and whether its cards are managed. */
@RestController
@Tag(name = "Directory")
class RolesController {

    private static final String COLLECTIVITY = "/api/v1/collectivities/{collectivityId}";
    private static final String ROLES = COLLECTIVITY + "/roles";

    private final RolesService roles;
    private final ApiEndpoints web;

    RolesController(RolesService roles, ApiEndpoints web) {
        this.roles = roles;
        this.web = web;
    }

    @Operation(summary = "Record the commune's new mayor; ends the previous mayor's term the day before (ADMINISTER)")
    @PostMapping(path = COLLECTIVITY + "/mayor", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> designateMayor(Actor actor, @PathVariable UUID collectivityId,
                                                @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key,
                                                @RequestBody Mono<AppointmentRequest> request) {
        return web.create(actor.auditName(), key, "/api/v1/collectivities/" + collectivityId + "/mayor",
                roles.mayDesignateMayor(actor, collectivityId), request,
                valid -> roles.designateMayor(actor, collectivityId, valid), id -> rolePath(collectivityId, id));
    }

    @Operation(summary = "Appoint a delegate (responsable cartes) among the agents (APPOINT_DELEGATES)")
    @PostMapping(path = COLLECTIVITY + "/delegates", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> appointDelegate(Actor actor, @PathVariable UUID collectivityId,
                                                 @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key,
                                                 @RequestBody Mono<AppointmentRequest> request) {
        return web.create(actor.auditName(), key, "/api/v1/collectivities/" + collectivityId + "/delegates",
                roles.mayAppointDelegates(actor, collectivityId), request,
                valid -> roles.appointDelegate(actor, collectivityId, valid), id -> rolePath(collectivityId, id));
    }

    @Operation(summary = "Dismiss a delegate, at once or on a given day; refused for the last one unless the mayor"
            + " manages the cards (APPOINT_DELEGATES, If-Match)")
    @PostMapping(path = COLLECTIVITY + "/delegates/{assignmentId}/dismissal", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RoleAssignmentView>> dismissDelegate(Actor actor, @PathVariable UUID collectivityId,
                                                             @PathVariable UUID assignmentId,
                                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                             @RequestBody(required = false) Mono<EndRequest> request) {
        return roles.dismissDelegate(actor, collectivityId, assignmentId, web.change(ifMatch, EndRequest.orAtOnce(request)))
                .map(ApiEndpoints::tagged);
    }

    @Operation(summary = "The mayors and delegates of the collectivity, current and past (READ)")
    @GetMapping(path = ROLES, produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<RoleAssignmentView> list(Actor actor, @PathVariable UUID collectivityId) {
        return roles.trustRoles(actor, collectivityId);
    }

    @Operation(summary = "One mayor or delegate assignment (READ); ETag for its dismissal")
    @GetMapping(path = ROLES + "/{assignmentId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RoleAssignmentView>> read(Actor actor, @PathVariable UUID collectivityId,
                                                  @PathVariable UUID assignmentId) {
        return roles.find(actor, collectivityId, assignmentId).map(ApiEndpoints::tagged);
    }

    @Operation(summary = "Who manages the collectivity's cards today, and whether the one-delegate rule holds (READ)")
    @GetMapping(path = COLLECTIVITY + "/directory-status", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<DirectoryStatusView> status(Actor actor, @PathVariable UUID collectivityId) {
        return roles.status(actor, collectivityId);
    }

    private static String rolePath(UUID collectivityId, String id) {
        return "/api/v1/collectivities/" + collectivityId + "/roles/" + id;
    }
}
