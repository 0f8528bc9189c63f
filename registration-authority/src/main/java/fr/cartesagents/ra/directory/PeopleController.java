package fr.cartesagents.ra.directory;

import java.util.Optional;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.IdempotentBody;
import fr.cartesagents.ra.web.VersionedBody;
import fr.cartesagents.ra.web.VersionedMove;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** The people of a collectivity's directory (annuaire). */
@RestController
@Tag(name = "Directory", description = "People, roles and delegations of the collectivities")
record PeopleController(PeopleService people, ApiEndpoints web) {

    static final String PEOPLE = "/api/v1/collectivities/{collectivityId}/people";
    private static final String PERSON = PEOPLE + "/{personId}";
    private static final String STAFF = "/api/v1/people";

    @Operation(summary = "Add a person to the directory as an agent of the collectivity (MANAGE_DIRECTORY)")
    @PostMapping(path = PEOPLE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> create(Actor actor, @PathVariable UUID collectivityId, IdempotentBody<PersonRequest> creation) {
        return create(actor, Optional.of(collectivityId), creation);
    }

    @Operation(summary = "Add a person who belongs to no collectivity, before a national role (ADMINISTER)")
    @PostMapping(path = STAFF, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> createStaff(Actor actor, IdempotentBody<PersonRequest> creation) {
        return create(actor, Optional.empty(), creation);
    }

    private Mono<ResponseEntity<String>> create(Actor actor, Optional<UUID> collectivityId, IdempotentBody<PersonRequest> creation) {
        return web.create(actor.auditName(), creation, people.mayCreate(actor, collectivityId),
                valid -> people.create(actor, collectivityId, valid));
    }

    @Operation(summary = "Read a person of the collectivity (READ, or the person themselves); ETag for updates")
    @GetMapping(path = PERSON, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<PersonView>> read(Actor actor, @PathVariable UUID collectivityId, @PathVariable UUID personId) {
        return people.findIn(actor, collectivityId, personId)
                .map(ApiEndpoints::tagged);
    }

    @Operation(summary = "Correct a person's civil status, email, service and job title (MANAGE_DIRECTORY, If-Match)")
    @PutMapping(path = PERSON, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<PersonView>> update(Actor actor, @PathVariable UUID collectivityId, @PathVariable UUID personId,
                                            VersionedBody<PersonRequest> change) {
        return ApiEndpoints.tagged(people.update(actor, collectivityId, personId, change.command()));
    }

    @Operation(summary = "Record the person's departure: ends their roles and delegations there (MANAGE_DIRECTORY, If-Match)")
    @PostMapping(path = PERSON + "/departure", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<PersonView>> depart(Actor actor, @PathVariable UUID collectivityId, @PathVariable UUID personId,
                                            VersionedMove move) {
        return ApiEndpoints.tagged(people.depart(actor, collectivityId, personId, move.expected()));
    }

    @Operation(summary = "Read a person with the memberships the caller may see (the person themselves, or READ)")
    @GetMapping(path = STAFF + "/{personId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<PersonView>> readAnywhere(Actor actor, @PathVariable UUID personId) {
        return people.find(actor, personId).map(ApiEndpoints::tagged);
    }
}
