package fr.cartesagents.ra.security;

import java.util.Set;
import java.util.UUID;

/**
 * The collectivities a caller may see: all of them (national administrators, auditors), or a
 * set (their own commune, the collectivities of their registration office). Lists are filtered
 * with it in the query, so that another collectivity's rows never leave the database.
 */
public record CollectivityScope(boolean all, Set<UUID> ids) {

    public CollectivityScope {
        ids = Set.copyOf(ids);
    }

    public static CollectivityScope everything() {
        return new CollectivityScope(true, Set.of());
    }

    public static CollectivityScope only(Set<UUID> ids) {
        return new CollectivityScope(false, ids);
    }

    public boolean includes(UUID collectivityId) {
        return all || ids.contains(collectivityId);
    }

    /** The ids as an array, for a {@code collectivity_id = any(:ids)} bind. */
    public UUID[] idArray() {
        return ids.toArray(UUID[]::new);
    }
}
