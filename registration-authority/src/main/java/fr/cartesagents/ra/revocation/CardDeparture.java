package fr.cartesagents.ra.revocation;

import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.card.CardLifecycle;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.directory.DepartureStep;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * A departure revokes the person's cards of that collectivity (Art. VI: "révoquer sans délai les
 * cartes des agents qui n'assureraient plus les fonctions"), in the departure's transaction, beside
 * the habilitation feature's withdrawal: the person, their roles, habilitations, cards and
 * certificates change together or not at all.
 */
@Component
class CardDeparture implements DepartureStep {

    private final CardQueries cards;
    private final CardRevoker revoker;

    CardDeparture(CardQueries cards, CardRevoker revoker) {
        this.cards = cards;
        this.revoker = revoker;
    }

    @Override
    public Mono<Void> onDeparture(Actor actor, UUID personId, UUID collectivityId) {
        return cards.ofPerson(personId, collectivityId)
                .filter(card -> CardLifecycle.TABLE.allows(CardAction.REVOKE, card.state()))
                .concatMap(card -> revoker.revoke(actor, card.id(), CardRevocationReason.DEPARTURE, RevokerCapacity.DIRECTORY))
                .then();
    }
}
