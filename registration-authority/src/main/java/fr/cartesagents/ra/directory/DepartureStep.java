package fr.cartesagents.ra.directory;

import java.util.UUID;

import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * Something that must happen when a person leaves the collectivity (habilitations withdrawn,
 * delegations ended...). Every bean of this type runs inside the transaction that records the
 * departure, so the departure and its consequences commit together or not at all.
 */
public interface DepartureStep {

    Mono<Void> onDeparture(Actor actor, UUID personId, UUID collectivityId);
}
