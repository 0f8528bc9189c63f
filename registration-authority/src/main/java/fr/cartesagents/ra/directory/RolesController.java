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

/** The mayor and the delegates of a collectivity, and whether its cards are managed. */
@RestController
@Tag(name = "Directory")
record RolesController(RolesService roles, ApiEndpoints web) {

    private static final String COLLECTIVITY = "/api/v1/collectivities/{collectivityId}";
    private static final String ROLES = COLLECTIVITY + "/roles";

    @Operation(summary = "Record the commune's new mayor; ends the previous mayor's term the day before (ADMINISTER)")
    @PostMapping(path = COLLECTIVITY + "/mayor", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> designateMayor(Actor actor, @PathVariable UUID collectivityId,
                                                IdempotentBody<AppointmentRequest> creation) {
        return web.create(actor.auditName(), creation.createdUnder(roles(collectivityId)), roles.mayDesignateMayor(actor, collectivityId),
                valid -> roles.designateMayor(actor, collectivityId, valid));
    }

    @Operation(summary = "Appoint a delegate (responsable cartes) among the agents (APPOINT_DELEGATES)")
    @PostMapping(path = COLLECTIVITY + "/delegates", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> appointDelegate(Actor actor, @PathVariable UUID collectivityId,
                                                 IdempotentBody<AppointmentRequest> creation) {
        return web.create(actor.auditName(), creation.createdUnder(roles(collectivityId)), roles.mayAppointDelegates(actor, collectivityId),
                valid -> roles.appointDelegate(actor, collectivityId, valid));
    }

    @Operation(summary = "Dismiss a delegate, at once or on a given day; refused for the last one unless the mayor"
            + " manages the cards (APPOINT_DELEGATES, If-Match)")
    @PostMapping(path = COLLECTIVITY + "/delegates/{assignmentId}/dismissal", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RoleAssignmentView>> dismissDelegate(Actor actor, @PathVariable UUID collectivityId,
                                                             @PathVariable UUID assignmentId,
                                                             VersionedBody<EndRequest> change) {
        return ApiEndpoints.tagged(roles.dismissDelegate(actor, collectivityId, assignmentId, change.commandOr(EndRequest.AT_ONCE)));
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

    /** Where an appointed mayor or delegate is read: {@code …/roles/{assignmentId}}. */
    private static String roles(UUID collectivityId) {
        return ROLES.replace("{collectivityId}", collectivityId.toString());
    }
}
