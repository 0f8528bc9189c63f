package fr.cartesagents.ra.security;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the access decisions need to know of a collectivity, read from the {@code collectivity}
 * table by the package that owns it ({@code collectivity}, which implements this interface):
 * {@code security} runs no SQL on that table and does not depend on the feature (the feature
 * depends on it), and {@link AccessPolicy} can be tried with facts made up in a test.
 */
public interface CollectivityAccessFacts {

    /** The collectivity as the rules see it; empty when there is no such collectivity. */
    Mono<Target> target(UUID collectivity);

    /** The collectivities the registration offices serve. */
    Flux<UUID> servedBy(Set<UUID> offices);

    /**
     * A collectivity as the access rules see it: its registration office, and whether its trust
     * roles are suspended (Art. VII, an open major finding).
     */
    record Target(UUID id, Optional<UUID> registrationOfficeId, boolean trustSuspended) {
    }
}
