package fr.cartesagents.ra.collectivity;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How other features read a collectivity (the {@code collectivity} and {@code registration_office}
 * tables belong to this package), and the one flag they set (the compliance feature's
 * {@code trust_suspended}): through this interface, never by SQL of their own ({@code TableOwnershipTest}).
 * Reads join the caller's transaction when there is one.
 */
public interface CollectivityQueries {

    /** Empty when there is no such collectivity. */
    Mono<CollectivityFacts> facts(UUID collectivityId);

    /** The collectivity's kind as stored ({@code commune}, {@code epci}...); empty when there is no such collectivity. */
    Mono<String> kindOf(UUID collectivity);

    /** Those of {@code ids} that are communes. */
    Flux<UUID> communesAmong(Collection<UUID> ids);

    /** The commune with this INSEE code, if any. */
    Mono<UUID> communeOfInsee(String inseeCode);

    /**
     * How a habilitation check names these collectivities (those that exist), ordered by name: kind, SIREN,
     * INSEE code, name, and for a grouping its member communes' INSEE codes.
     */
    Flux<CollectivityIdentity> identities(Collection<UUID> ids);

    /** Locks the collectivity's row until the end of the caller's transaction (changes about it are then made one at a time). */
    Mono<Void> lock(UUID collectivity);

    /**
     * Suspends or restores the collectivity's trust roles (Art. VII); the new value when it changed
     * (and the collectivity's version with it), empty when it was already so.
     */
    Mono<Boolean> setTrustSuspended(UUID collectivity, boolean suspended);

    /** A collectivity as letters and certificates name it, and its registration office if it has one. */
    record CollectivityFacts(UUID id, String name, String siren, Optional<UUID> officeId, Optional<String> officeName) {

        public CollectivityFacts {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(officeId, "officeId");
            Objects.requireNonNull(officeName, "officeName");
        }
    }

    /** A collectivity as a relying application knows it; {@code memberInseeCodes} is empty unless it is a grouping. */
    record CollectivityIdentity(UUID id, String kind, String siren, String inseeCode, String name, List<String> memberInseeCodes) {

        public CollectivityIdentity {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            memberInseeCodes = List.copyOf(memberInseeCodes);
        }
    }
}
