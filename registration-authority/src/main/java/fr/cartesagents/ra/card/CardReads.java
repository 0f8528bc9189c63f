package fr.cartesagents.ra.card;

import java.math.BigInteger;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.web.ResultPage;
import reactor.core.publisher.Mono;

/** The card reads of the API: the holder sees their own cards, the collectivity's readers see its cards. */
@Service
class CardReads {

    private final CardQueries cards;
    private final CertificateRecords certificates;
    private final AccessPolicy access;

    CardReads(CardQueries cards, CertificateRecords certificates, AccessPolicy access) {
        this.cards = cards;
        this.certificates = certificates;
        this.access = access;
    }

    /** One card with its two certificates: its holder, or whoever may read its collectivity; 404 when there is none. */
    Mono<CardView> find(Actor actor, UUID cardId) {
        return cards.find(cardId)
                .switchIfEmpty(Mono.error(() -> CardTransitions.notFound(cardId)))
                .flatMap(card -> (actor.isPerson(card.personId()) ? Mono.<Void>empty()
                        : access.require(actor, Permission.READ, card.collectivityId()))
                        .then(Mono.zip(pem(card.authenticationSerial()), pem(card.signatureSerial())))
                        .map(pems -> CardView.of(card, pems.getT1(), pems.getT2())));
    }

    /** The person's cards: all of them for the person, those of the collectivities the caller may read for others. */
    Mono<java.util.List<CardView>> ofPerson(Actor actor, UUID personId) {
        return access.requireSelfOr(actor, personId, Permission.READ)
                .then(actor.isPerson(personId) ? Mono.just(fr.cartesagents.ra.security.CollectivityScope.everything())
                        : access.readableCollectivities(actor))
                .flatMap(scope -> cards.ofPerson(personId).filter(card -> scope.includes(card.collectivityId()))
                        .map(CardView::summary).collectList());
    }

    Mono<ResultPage<CardView>> ofCollectivity(Actor actor, UUID collectivityId, Optional<String> state, int page, int size) {
        return access.require(actor, Permission.READ, collectivityId)
                .then(Mono.fromCallable(() -> state.map(CardReads::parseState)))
                .flatMap(filter -> Mono.zip(cards.ofCollectivity(collectivityId, filter, page, size).map(CardView::summary).collectList(),
                        cards.countOfCollectivity(collectivityId, filter)))
                .map(found -> new ResultPage<>(found.getT1(), page, size, found.getT2()));
    }

    private Mono<String> pem(String serialHex) {
        return certificates.find(new BigInteger(serialHex, 16))
                .flatMap(record -> Mono.justOrEmpty(record.der()))
                .map(der -> "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                        + "\n-----END CERTIFICATE-----\n")
                .defaultIfEmpty("");
    }

    private static CardState parseState(String name) {
        try {
            return CardState.fromDatabaseName(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "card.unknown-state", name);
        }
    }
}
