package fr.cartesagents.ra.revocation;

import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.card.CardLifecycle;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.directory.PersonQueries;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The people a holder identifier names, and their cards that can still be revoked. */
@Component
record HolderRevocations(PersonQueries people, CardQueries cards) {

    /** Active people named by the identifier (an e-mail address may be shared by several). */
    Flux<Holder> holders(HolderIdentifier identifier) {
        return (identifier.byEmail() ? people.activeByEmail(identifier.value()) : people.activeByHolderId(identifier.value()))
                .map(person -> new Holder(person.id(), person.holderId()));
    }

    Mono<Holder> holderOf(UUID personId) {
        return people.record(personId).map(person -> new Holder(person.id(), person.holderId()));
    }

    Flux<Card> revocableCards(UUID personId) {
        return cards.ofPerson(personId).filter(card -> CardLifecycle.TABLE.allows(CardAction.REVOKE, card.state()));
    }

    record Holder(UUID personId, String holderId) {
    }
}
