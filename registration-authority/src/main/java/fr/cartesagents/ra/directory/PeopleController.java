package fr.cartesagents.ra.directory;

import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.idempotency.IdempotentRequest;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.web.ApiEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** The people of a collectivity's directory (annuaire). */
@RestController
@Tag(name = "Directory", description = "People, roles and delegations of the collectivities")
class PeopleController {

    static final String PEOPLE = "/api/v1/collectivities/{collectivityId}/people";
    private static final String PERSON = PEOPLE + "/{personId}";
    private static final String STAFF = "/api/v1/people";

    private final PeopleService people;
    private final ApiEndpoints web;

    PeopleController(PeopleService people, ApiEndpoints web) {
        this.people = people;
        this.web = web;
    }

    @Operation(summary = "Add a person to the directory as an agent of the collectivity (MANAGE_DIRECTORY)")
    @PostMapping(path = PEOPLE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> create(Actor actor, @PathVariable UUID collectivityId,
                                        @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key,
                                        @RequestBody Mono<PersonRequest> request) {
        String path = PEOPLE.replace("{collectivityId}", collectivityId.toString());
        return web.create(actor.auditName(), key, path, people.mayCreate(actor, Optional.of(collectivityId)), request,
                valid -> people.create(actor, Optional.of(collectivityId), valid),
                id -> path + "/" + id);
    }

    @Operation(summary = "Add a person who belongs to no collectivity, before a national role (ADMINISTER)")
    @PostMapping(path = STAFF, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> createStaff(Actor actor,
                                             @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key,
                                             @RequestBody Mono<PersonRequest> request) {
        return web.create(actor.auditName(), key, STAFF, people.mayCreate(actor, Optional.empty()), request,
                valid -> people.create(actor, Optional.empty(), valid),
                id -> STAFF + "/" + id);
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
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @RequestBody Mono<PersonRequest> request) {
        return people.update(actor, collectivityId, personId, web.change(ifMatch, request))
                .map(ApiEndpoints::tagged);
    }

    @Operation(summary = "Record the person's departure: ends their roles and delegations there (MANAGE_DIRECTORY, If-Match)")
    @PostMapping(path = PERSON + "/departure", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<PersonView>> depart(Actor actor, @PathVariable UUID collectivityId, @PathVariable UUID personId,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return people.depart(actor, collectivityId, personId, web.ifMatch(ifMatch))
                .map(ApiEndpoints::tagged);
    }

    @Operation(summary = "Read a person with the memberships the caller may see (the person themselves, or READ)")
    @GetMapping(path = STAFF + "/{personId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<PersonView>> readAnywhere(Actor actor, @PathVariable UUID personId) {
        return people.find(actor, personId).map(ApiEndpoints::tagged);
    }
}
