package fr.cartesagents.ra.order;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import fr.cartesagents.ca.cardsecret.CardSerial;
import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.card.NewCard;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import reactor.core.publisher.Mono;

/**
 * Personalizes the card of an approved order: the bridge has generated both key pairs on the blank
 * card and had it sign both requests; here the order, the holder and the card serial are checked,
 * both certificates are issued as a pair ({@link CertificatePairIssuance}) with the subject taken
 * from the directory, and the card is recorded with the order's move, in one transaction.
 */
@Service
record PersonalizationService(OrderRepository orders, CardOperators operators, CertificatePairIssuance pairs,
                              CardQueries cards, CardTransitions cardTransitions, OrderService orderService,
                              OrderNotices notices, Clock clock) {

    /** The order, once the actor may personalize its card (the office, or a delegate for an agent): 404, 403 otherwise. */
    Mono<CardOrder> authorize(Actor actor, UUID orderId) {
        return orders.find(orderId)
                .switchIfEmpty(Mono.error(() -> OrderService.notFound(orderId)))
                .flatMap(order -> operators.requireForPerson(actor, Permission.HAND_OVER_CARDS, order.collectivityId(),
                        order.personId()).thenReturn(order));
    }

    /** What phase 1 checked and signed, handed to phase 2. */
    record Prepared(CardOrder order, String cardSerial, Optional<String> atr, SignedCertificatePair pair) {
    }

    /**
     * Phase 1, outside any transaction: the order is approved, the holder still there, the card
     * serial unknown; then both certificates are reserved and signed.
     */
    Mono<Prepared> reserveAndSign(Actor actor, CardOrder order, PersonalizationRequest request) {
        String cardSerial;
        try {
            cardSerial = new CardSerial(request.cardSerial()).value();
        } catch (IllegalArgumentException e) {
            return Mono.error(ProblemException.localized(ProblemType.VALIDATION_FAILED, "personalization.card-serial"));
        }
        Optional<String> atr = Optional.ofNullable(request.atr()).map(value -> value.toUpperCase(java.util.Locale.ROOT));
        return orders.find(order.id())
                .flatMap(current -> {
                    OrderLifecycle.TABLE.next(OrderAction.PERSONALIZE, current.state());
                    return orders.holder(current.personId(), current.collectivityId());
                })
                .flatMap(holder -> holder.departed()
                        ? Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "personalization.person-departed"))
                        : cards.findByCardSerial(cardSerial)
                                .flatMap(known -> Mono.<HolderSubject>error(ProblemException.localized(ProblemType.DUPLICATE,
                                        "card.serial-known", cardSerial)))
                                .switchIfEmpty(Mono.fromCallable(holder::subject)))
                // The card's 6 years start when phase 2 records it, later than now: its certificates end before it does.
                .flatMap(subject -> pairs.reserveAndSign(actor, order.collectivityId(), subject, request.authenticationCsr(),
                                request.signatureCsr(), Card.expiryOf(clock.instant()))
                        .map(pair -> new Prepared(order, cardSerial, atr, pair)));
    }

    /** Phase 2, in the idempotency layer's transaction: the certificates, the card, the order's move, all or nothing. */
    Mono<PersonalizationView> record(Actor actor, Prepared prepared) {
        CardOrder order = prepared.order();
        var pair = prepared.pair();
        return orders.lock(order.id())
                .flatMap(current -> {
                    OrderLifecycle.TABLE.next(OrderAction.PERSONALIZE, current.state());
                    return pairs.record(actor, pair)
                            .then(cardTransitions.create(actor, new NewCard(order.id(), prepared.cardSerial(), prepared.atr(),
                                    order.profile(), order.personId(), order.collectivityId(), pair.authentication().serialHex(),
                                    pair.signature().serialHex(), clock.instant().truncatedTo(ChronoUnit.MICROS))))
                            .flatMap(card -> orderService.move(actor, current, OrderAction.PERSONALIZE,
                                            Map.of("card", card.id().toString(), "cardSerial", card.cardSerial()))
                                    .then(notices.readyForHandOver(current, card.id()))
                                    .thenReturn(new PersonalizationView(card.id(), order.id(), card.cardSerial(),
                                            pair.authentication().serialHex(), pair.authentication().pem(),
                                            pair.signature().serialHex(), pair.signature().pem(), card.expiresAt())));
                });
    }

}
