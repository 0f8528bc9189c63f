package fr.cartesagents.ra.collectivity;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * How other features read a collectivity (the {@code collectivity} and {@code registration_office}
 * tables belong to this package): its official name and SIREN, and the registration office that
 * serves it. Reads join the caller's transaction when there is one.
 */
public interface CollectivityQueries {

    /** Empty when there is no such collectivity. */
    Mono<CollectivityFacts> facts(UUID collectivityId);

    /** A collectivity as letters and certificates name it, and its registration office if it has one. */
    record CollectivityFacts(UUID id, String name, String siren, Optional<UUID> officeId, Optional<String> officeName) {

        public CollectivityFacts {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(officeId, "officeId");
            Objects.requireNonNull(officeName, "officeName");
        }
    }
}
