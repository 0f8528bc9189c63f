package fr.cartesagents.ra.revocation;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.card.CardLifecycle;
import fr.cartesagents.ra.card.CardQueries;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The people a holder identifier names, and their cards that can still be revoked. */
@Component
class HolderRevocations {

    private final DatabaseClient database;
    private final CardQueries cards;

    HolderRevocations(DatabaseClient database, CardQueries cards) {
        this.database = database;
        this.cards = cards;
    }

    /** Active people named by the identifier (an e-mail address may be shared by several). */
    Flux<Holder> holders(HolderIdentifier identifier) {
        return database.sql("select id, holder_id from person where status = 'active' and "
                        + (identifier.byEmail() ? "lower(email) = :value" : "holder_id = :value") + " order by id")
                .bind("value", identifier.value())
                .map(row -> new Holder(row.get("id", UUID.class), row.get("holder_id", String.class)))
                .all();
    }

    Mono<Holder> holderOf(UUID personId) {
        return database.sql("select id, holder_id from person where id = :id").bind("id", personId)
                .map(row -> new Holder(row.get("id", UUID.class), row.get("holder_id", String.class)))
                .one();
    }

    Flux<Card> revocableCards(UUID personId) {
        return cards.ofPerson(personId).filter(card -> CardLifecycle.TABLE.allows(CardAction.REVOKE, card.state()));
    }

    record Holder(UUID personId, String holderId) {
    }
}
