package fr.cartesagents.ra.collectivity;

import java.util.Collection;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What other features may read of the {@code collectivity} table, which this package owns, and the
 * one flag they set (the compliance feature's {@code trust_suspended}): through this interface,
 * never by SQL of their own ({@code TableOwnershipTest}). Implemented by the collectivity repository.
 */
public interface CollectivityQueries {

    /** The collectivity's kind as stored ({@code commune}, {@code epci}...); empty when there is no such collectivity. */
    Mono<String> kindOf(UUID collectivity);

    /** Those of {@code ids} that are communes. */
    Flux<UUID> communesAmong(Collection<UUID> ids);

    /** The commune with this INSEE code, if any. */
    Mono<UUID> communeOfInsee(String inseeCode);

    /** Locks the collectivity's row until the end of the caller's transaction (changes about it are then made one at a time). */
    Mono<Void> lock(UUID collectivity);

    /**
     * Suspends or restores the collectivity's trust roles (Art. VII); the new value when it changed
     * (and the collectivity's version with it), empty when it was already so.
     */
    Mono<Boolean> setTrustSuspended(UUID collectivity, boolean suspended);
}
