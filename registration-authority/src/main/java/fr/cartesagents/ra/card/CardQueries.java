package fr.cartesagents.ra.card;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How other features read cards (the {@code card} table belongs to this package): by id, by the
 * chip's serial, by one of their certificates, per person, per collectivity. Reads join the
 * caller's transaction when there is one.
 */
public interface CardQueries {

    Mono<Card> find(UUID cardId);

    /** The card, locked for update until the caller's transaction ends (for a move decided on what it reads). */
    Mono<Card> lock(UUID cardId);

    Mono<Card> findByCardSerial(String cardSerial);

    /** The card that carries the certificate of this serial (lowercase hexadecimal) as authentication or signature certificate. */
    Mono<Card> findByCertificateSerial(String certificateSerial);

    /** The person's cards, newest first. */
    Flux<Card> ofPerson(UUID personId);

    /** The person's cards for one collectivity, newest first. */
    Flux<Card> ofPerson(UUID personId, UUID collectivityId);

    /** A page of a collectivity's cards that {@code filter} keeps, newest first. */
    Flux<Card> ofCollectivity(UUID collectivityId, CardFilter filter, int page, int size);

    Mono<Long> countOfCollectivity(UUID collectivityId, CardFilter filter);
}
