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

/** National administrators, auditors and registration officers. */
@RestController
@Tag(name = "Directory")
record NationalRolesController(NationalRolesService roles, ApiEndpoints web) {

    private static final String NATIONAL_ROLES = "/api/v1/national-roles";

    @Operation(summary = "Give a national role: administrator, auditor, registration officer of an office (ADMINISTER)")
    @PostMapping(path = NATIONAL_ROLES, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> give(Actor actor, IdempotentBody<NationalRoleRequest> creation) {
        return web.create(actor.auditName(), creation, roles.mayGive(actor), valid -> roles.give(actor, valid));
    }

    @Operation(summary = "The national roles, current and past (READ everywhere: national administrators, auditors)")
    @GetMapping(path = NATIONAL_ROLES, produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<RoleAssignmentView> list(Actor actor) {
        return roles.list(actor);
    }

    @Operation(summary = "One national role (READ everywhere); ETag for ending it")
    @GetMapping(path = NATIONAL_ROLES + "/{assignmentId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RoleAssignmentView>> read(Actor actor, @PathVariable UUID assignmentId) {
        return roles.find(actor, assignmentId).map(ApiEndpoints::tagged);
    }

    @Operation(summary = "End a national role, at once or on a given day (ADMINISTER, If-Match)")
    @PostMapping(path = NATIONAL_ROLES + "/{assignmentId}/end", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RoleAssignmentView>> end(Actor actor, @PathVariable UUID assignmentId, VersionedBody<EndRequest> change) {
        return ApiEndpoints.tagged(roles.end(actor, assignmentId, change.commandOr(EndRequest.AT_ONCE)));
    }
}
