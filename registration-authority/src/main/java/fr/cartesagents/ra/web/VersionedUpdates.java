package fr.cartesagents.ra.web;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * The end of an optimistic update ({@code ... where id = :id and version = :expected}): one row
 * updated is success; none means the record moved on since the caller read it (412, naming the
 * current version).
 */
public final class VersionedUpdates {

    private VersionedUpdates() {
    }

    /** Like {@link #requireUpdated(Mono, EntityVersion, Supplier)}, when the service read the current version itself. */
    public static Mono<Void> requireUpdated(Mono<Long> rowsUpdated, EntityVersion expected, long currentVersion) {
        return requireUpdated(rowsUpdated, expected, () -> Mono.just(currentVersion));
    }

    public static Mono<Void> requireUpdated(Mono<Long> rowsUpdated, EntityVersion expected, Supplier<Mono<Long>> currentVersion) {
        return rowsUpdated.flatMap(rows -> rows > 0 ? Mono.<Void>empty()
                : currentVersion.get().defaultIfEmpty(-1L)
                        .flatMap(current -> Mono.error(EntityVersion.stale(expected.version(), current))));
    }

}
