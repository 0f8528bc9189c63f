package fr.cartesagents.ra.habilitation;

import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.VersionedMove;
import fr.cartesagents.ra.web.IdempotentBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** National administrators register, list, disable and re-enable the relying applications. */
@RestController
@Tag(name = "Relying applications", description = "Applications allowed to ask habilitation checks (national administrators)")
record RelyingApplicationController(RelyingApplicationService applications, ApiEndpoints web) {

    static final String BASE = "/api/v1/admin/relying-applications";

    @Operation(summary = "Register a relying application by its TLS client certificate (Idempotency-Key required)")
    @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> register(Actor actor, IdempotentBody<RegisterRelyingApplicationRequest> creation) {
        return web.create(actor.auditName(), creation, applications.requireAdministrator(actor),
                request -> applications.register(actor, request));
    }

    @Operation(summary = "The registered relying applications")
    @GetMapping(path = BASE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<RelyingApplication>> list(Actor actor) {
        return applications.list(actor).collectList();
    }

    @Operation(summary = "One relying application (ETag = version)")
    @GetMapping(path = BASE + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RelyingApplication>> read(Actor actor, @PathVariable UUID id) {
        return ApiEndpoints.tagged(applications.read(actor, id));
    }

    @Operation(summary = "Disable a relying application: its checks are refused from now on (If-Match required)")
    @PostMapping(path = BASE + "/{id}/disable", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RelyingApplication>> disable(Actor actor, @PathVariable UUID id, VersionedMove move) {
        return ApiEndpoints.tagged(applications.changeStatus(actor, id, move.expected(), RelyingApplicationStatus.Action.DISABLE));
    }

    @Operation(summary = "Enable a disabled relying application again (If-Match required)")
    @PostMapping(path = BASE + "/{id}/enable", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RelyingApplication>> enable(Actor actor, @PathVariable UUID id, VersionedMove move) {
        return ApiEndpoints.tagged(applications.changeStatus(actor, id, move.expected(), RelyingApplicationStatus.Action.ENABLE));
    }
}
