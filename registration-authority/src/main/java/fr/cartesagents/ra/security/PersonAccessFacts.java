package fr.cartesagents.ra.security;

import java.time.LocalDate;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the access decisions need to know of a person of the directory, read from the {@code person}
 * and {@code role_assignment} tables by the package that owns them ({@code directory}, which
 * implements this interface): {@code security} runs no SQL on those tables and does not depend on
 * the feature (the feature depends on it), and {@link Actors} and {@link AccessPolicy} can be tried
 * with facts made up in a test.
 */
public interface PersonAccessFacts {

    /** The person; empty when there is no such person. */
    Mono<KnownPerson> byId(UUID personId);

    /** The person with this holder id (active or departed); empty when nobody has it. */
    Mono<KnownPerson> byHolderId(String holderId);

    /** The roles the person holds on {@code day} (started on or before it, not ended before it), with their scope. */
    Flux<Grant> rolesHeldOn(UUID personId, LocalDate day);

    /** The collectivities in which the person holds or held a role (any role, any date). */
    Flux<UUID> collectivitiesOf(UUID personId);

    /** A person as the access rules see them: a departed person holds no role. */
    record KnownPerson(UUID id, boolean active) {
    }
}
