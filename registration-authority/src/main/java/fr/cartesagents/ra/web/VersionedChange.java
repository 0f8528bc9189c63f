package fr.cartesagents.ra.web;

import java.util.Objects;

/**
 * A typed update command: the change the caller asks, and the version of the record it read
 * (its If-Match). The service applies it with {@code ... where id = :id and version = :expected}
 * and ends with {@link VersionedUpdates#requireUpdated}, so a change made in between is a 412.
 */
public record VersionedChange<T>(EntityVersion expected, T change) {

    public VersionedChange {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(change, "change");
    }
}
