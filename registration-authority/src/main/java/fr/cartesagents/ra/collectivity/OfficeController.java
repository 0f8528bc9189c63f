package fr.cartesagents.ra.collectivity;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.IdempotentBody;
import fr.cartesagents.ra.web.VersionedBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Registration offices (préfectures, "autorités d'enregistrement de rattachement"). */
@RestController
@Tag(name = "Registration offices")
record OfficeController(OfficeService offices, AccessPolicy policy, ApiEndpoints web) {

    static final String BASE = "/api/v1/registration-offices";

    @Operation(summary = "The offices the caller works in or that serve a collectivity the caller may see")
    @GetMapping(path = BASE, produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<OfficeView> list(Actor actor) {
        return offices.list(actor);
    }

    @Operation(summary = "Read an office (ETag: its version)")
    @GetMapping(path = BASE + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<OfficeView>> find(Actor actor, @PathVariable UUID id) {
        return ApiEndpoints.tagged(offices.find(actor, id));
    }

    @Operation(summary = "Create a registration office (national administrators; Idempotency-Key required)")
    @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> create(Actor actor, IdempotentBody<NewOffice> creation) {
        return web.create(actor.auditName(), creation, policy.requireEverywhere(actor, Permission.ADMINISTER),
                request -> offices.create(actor, request));
    }

    @Operation(summary = "Replace an office's name and department (national administrators; If-Match)")
    @PutMapping(path = BASE + "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<OfficeView>> update(Actor actor, @PathVariable UUID id, VersionedBody<OfficeUpdate> change) {
        return ApiEndpoints.tagged(offices.update(actor, id, change.command()));
    }
}
