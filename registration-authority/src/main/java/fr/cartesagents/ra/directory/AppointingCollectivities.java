package fr.cartesagents.ra.directory;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * What the directory's role rules need to know of a collectivity, whose table the {@code collectivity}
 * package owns and which implements this interface (it depends on the directory, not the reverse):
 * its kind (only a commune has a mayor) and whether its mayor manages its cards (then no delegate is
 * required).
 */
public interface AppointingCollectivities {

    /**
     * The collectivity's facts, its row locked {@code for update} until the caller's transaction ends, so that
     * changes to its mayor and delegates are made one after the other; empty when there is no such collectivity.
     */
    Mono<AppointingFacts> lockForAppointments(UUID collectivity);

    /** The same facts, read without a lock. */
    Mono<AppointingFacts> appointingFacts(UUID collectivity);

    /** A collectivity as the role rules see it: its kind as stored ({@code commune}, {@code epci}...). */
    record AppointingFacts(String kind, boolean mayorManagesCards) {
    }
}
