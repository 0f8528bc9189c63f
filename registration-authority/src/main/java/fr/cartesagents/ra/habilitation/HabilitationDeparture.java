package fr.cartesagents.ra.habilitation;

import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.directory.DepartureStep;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/** A departure withdraws every habilitation the person holds in that collectivity, in the departure's transaction. */
@Component
class HabilitationDeparture implements DepartureStep {

    private final HabilitationService habilitations;

    HabilitationDeparture(HabilitationService habilitations) {
        this.habilitations = habilitations;
    }

    @Override
    public Mono<Void> onDeparture(Actor actor, UUID personId, UUID collectivityId) {
        return habilitations.withdrawAllOnDeparture(actor, personId, collectivityId);
    }
}
