package fr.cartesagents.ra.card;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * The only writer of the {@code card} table: creates a personalized card and moves cards along
 * {@link CardAction}'s table, each change with its audit event. Every method joins the caller's
 * transaction (the personalization's, the hand-over's, a revocation's), so that the card, the
 * order and the certificates change together or not at all.
 */
@Service
public class CardTransitions {

    private final CardRepository cards;
    private final AuditTrail audit;
    private final Clock clock;

    CardTransitions(CardRepository cards, AuditTrail audit, Clock clock) {
        this.cards = cards;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records a freshly personalized card; 409 when its chip serial is already on record. */
    public Mono<Card> create(Actor actor, NewCard card) {
        Card created = new Card(UUID.randomUUID(), card.orderId(), card.cardSerial(), card.atr(), card.profile(), card.personId(),
                card.collectivityId(), card.authenticationSerial(), card.signatureSerial(), CardState.PERSONALIZED,
                card.personalizedAt(), Card.expiryOf(card.personalizedAt()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, Optional.empty());
        return cards.findByCardSerial(card.cardSerial())
                .flatMap(known -> Mono.<Card>error(ProblemException.localized(ProblemType.DUPLICATE, "card.serial-known",
                        card.cardSerial())))
                .switchIfEmpty(Mono.defer(() -> cards.insert(created, actor.auditName())
                        .then(audit.append(AuditEntry.by(actor, Optional.of(card.collectivityId()),
                                CardEvent.PERSONALIZED, CardEvent.target(created.id()),
                                Map.of("cardSerial", card.cardSerial(), "order", card.orderId().toString(),
                                        "person", card.personId().toString(), "profile", card.profile().databaseName(),
                                        "authenticationSerial", card.authenticationSerial(),
                                        "signatureSerial", card.signatureSerial(),
                                        "expiresAt", created.expiresAt().toString()))))
                        .then(cards.find(created.id()))));
    }

    /**
     * Moves the card by {@code action}: 404 when there is no such card, 409 when the table does not
     * allow the move from its current state. {@code reason} is required by a revocation (its RFC 5280
     * name); {@code details} go into the audit event.
     */
    public Mono<Card> move(Actor actor, UUID cardId, CardAction action, Optional<String> reason, Map<String, String> details) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return cards.lock(cardId)
                .switchIfEmpty(Mono.error(() -> notFound(cardId)))
                .flatMap(card -> {
                    CardState next = CardLifecycle.TABLE.next(action, card.state());
                    Map<String, String> event = new HashMap<>(details);
                    event.put("from", card.state().databaseName());
                    event.put("to", next.databaseName());
                    reason.ifPresent(r -> event.put("reason", r));
                    return cards.move(cardId, action, now, actor.auditName(), reason)
                            .flatMap(updated -> updated == 1 ? Mono.just(card)
                                    : Mono.error(CardLifecycle.TABLE.refusal(action, card.state())))
                            .then(audit.append(AuditEntry.by(actor, Optional.of(card.collectivityId()), action,
                                    CardEvent.target(cardId), event)))
                            .then(cards.find(cardId));
                });
    }

    /**
     * Moves up to {@code batch} cards whose six years have ended by {@code now} to {@code expired}
     * (Art. V), each with its {@code card.expire} event by {@code system}; the cards expired. Their
     * certificates ended with them (3 years at most, renewed within the card's life): nothing is
     * revoked. Joins the caller's transaction; two callers at once never expire the same card.
     */
    public Mono<Long> expireDue(String system, Instant now, int batch) {
        // All the rows are read before the audit appends start: one statement at a time on the connection.
        return cards.expireDue(now, batch).collectList()
                .flatMapIterable(expired -> expired)
                .concatMap(card -> audit.append(AuditEntry.bySystem(system, Optional.of(card.collectivityId()), CardAction.EXPIRE,
                        CardEvent.target(card.id()), Map.of("from", card.from().databaseName(),
                                "to", CardState.EXPIRED.databaseName(), "cardSerial", card.cardSerial(),
                                "expiresAt", card.expiresAt().toString()))))
                .count();
    }

    /** After a renewal (new keys on the same card): the card now carries these two certificates. */
    public Mono<Card> replaceCertificates(Actor actor, UUID cardId, String authenticationSerial, String signatureSerial) {
        return cards.lock(cardId)
                .switchIfEmpty(Mono.error(() -> notFound(cardId)))
                .flatMap(card -> cards.replaceCertificates(cardId, authenticationSerial, signatureSerial)
                        .flatMap(updated -> updated == 1 ? Mono.just(card) : Mono.error(ProblemException.localized(
                                ProblemType.ILLEGAL_TRANSITION, "card.not-renewable", card.state().databaseName())))
                        .then(audit.append(AuditEntry.by(actor, Optional.of(card.collectivityId()),
                                CardEvent.CERTIFICATES_RENEWED, CardEvent.target(cardId),
                                Map.of("previousAuthenticationSerial", card.authenticationSerial(),
                                        "previousSignatureSerial", card.signatureSerial(),
                                        "authenticationSerial", authenticationSerial, "signatureSerial", signatureSerial))))
                        .then(cards.find(cardId)));
    }

    /**
     * The holder's PIN is blocked: an unblock was asked for the card (the server learns of a blocked
     * PIN no other way). Recorded from the first request until the unblock completes; a request while
     * it is recorded changes nothing.
     */
    public Mono<Void> pinBlocked(Actor actor, Card card) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return cards.markPinBlocked(card.id(), now)
                .flatMap(updated -> updated == 0 ? Mono.<Void>empty()
                        : audit.append(AuditEntry.by(actor, Optional.of(card.collectivityId()), CardEvent.PIN_BLOCKED,
                                CardEvent.target(card.id()), Map.of())).then());
    }

    /**
     * The card's PIN works again: {@code cause} says how the server knows (the bridge reported the
     * unblock done, or the card logged in). Nothing changes, and nothing is recorded, when it was not
     * recorded as blocked.
     */
    public Mono<Void> pinWorks(Actor actor, Card card, String cause) {
        return cards.clearPinBlocked(card.id())
                .flatMap(updated -> updated == 0 ? Mono.<Void>empty()
                        : audit.append(AuditEntry.by(actor, Optional.of(card.collectivityId()), CardEvent.PIN_UNBLOCKED,
                                CardEvent.target(card.id()), Map.of("cause", cause))).then());
    }

    public static ProblemException notFound(UUID cardId) {
        return ProblemException.localized(ProblemType.NOT_FOUND, "card.not-found", cardId.toString());
    }
}
