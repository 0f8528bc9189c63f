package fr.cartesagents.ra.renewal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.card.CardState;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.certificate.CertificateService;
import fr.cartesagents.ra.order.CertificatePairs;
import fr.cartesagents.ra.order.SignedCertificatePair;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * The remote renewal of a card's certificates (issue 11): certificates last 3 years on a 6-year
 * card, so near their end the holder has the bridge generate two new key pairs on the same card and
 * the CA certifies them as the personalization does ({@link CertificatePairs}: both or neither,
 * subject from the directory), without a new hand-over. In one transaction: both new certificates,
 * the card pointed at them, the two old ones revoked as superseded (CRL regenerated, OCSP after
 * commit) with the renewal that superseded them (its key: {@link SupersededRenewalReplay}), the idempotent answer. Only the holder renews, only a delivered or active card, only in
 * the window before the authentication certificate ends ({@link RenewalWindow}), and never for a card
 * whose own 6 years end in that window (409: that card is replaced by a new order and hand-over). The
 * new certificates never outlive the card: their notAfter is the card's end when it comes before the
 * profile's 3 years.
 */
@Service
class RenewalService {

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final CardQueries cards;
    private final CardTransitions cardTransitions;
    private final CertificatePairs pairs;
    private final CertificateService certificates;
    private final RenewalWindow window;
    private final RenewalSupersessions supersessions;
    private final Clock clock;

    RenewalService(CardQueries cards, CardTransitions cardTransitions, CertificatePairs pairs, CertificateService certificates,
                   RenewalWindow window, RenewalSupersessions supersessions, Clock clock) {
        this.supersessions = supersessions;
        this.cards = cards;
        this.cardTransitions = cardTransitions;
        this.pairs = pairs;
        this.certificates = certificates;
        this.window = window;
        this.clock = clock;
    }

    /** The card, once the actor is its holder: 404 when there is none, 403 for anyone else. */
    Mono<Card> authorize(Actor actor, UUID cardId) {
        return cards.find(cardId)
                .switchIfEmpty(Mono.error(() -> CardTransitions.notFound(cardId)))
                .flatMap(card -> actor.isPerson(card.personId()) ? Mono.just(card)
                        : Mono.error(ProblemException.localized(ProblemType.FORBIDDEN, "renewal.holder-only")));
    }

    /** What phase 1 checked and signed, and the certificates it replaces. */
    record Prepared(Card card, SignedCertificatePair pair) {
    }

    /** Phase 1, outside any transaction: the card may be renewed now; both new certificates reserved and signed. */
    Mono<Prepared> reserveAndSign(Actor actor, Card authorized, RenewalRequest request) {
        return cards.find(authorized.id())
                .flatMap(card -> renewable(card).thenReturn(card))
                .flatMap(card -> pairs.reserveAndSign(actor, card.personId(), card.collectivityId(), request.authenticationCsr(),
                                request.signatureCsr(), card.expiresAt())
                        .map(pair -> new Prepared(card, pair)));
    }

    /**
     * Phase 2, in the idempotency layer's transaction. The card is locked and must still carry the
     * certificates phase 1 saw: a concurrent renewal that committed first wins, this one is a 409
     * (its two signed serials stay pending and are revoked by the reservation recovery).
     */
    Mono<RenewalView> record(Actor actor, Prepared prepared, String idempotencyKey) {
        Card seen = prepared.card();
        SignedCertificatePair pair = prepared.pair();
        return cards.lock(seen.id())
                .flatMap(card -> card.authenticationSerial().equals(seen.authenticationSerial())
                        && card.signatureSerial().equals(seen.signatureSerial())
                        ? renewable(card).thenReturn(card)
                        : Mono.error(ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "renewal.concurrent")))
                .flatMap(card -> pairs.record(actor, pair)
                        .then(cardTransitions.replaceCertificates(actor, card.id(), pair.authentication().serialHex(),
                                pair.signature().serialHex()))
                        .flatMap(renewed -> certificates.revokeTogether(actor, Optional.of(card.collectivityId()),
                                        List.of(card.authenticationSerial(), card.signatureSerial()), RevocationReason.SUPERSEDED)
                                .then(supersessions.record(card.id(), idempotencyKey, clock.instant(), card.authenticationSerial(),
                                        card.signatureSerial()))
                                .thenReturn(new RenewalView(renewed.id(), renewed.cardSerial(), pair.authentication().serialHex(),
                                        pair.authentication().pem(), pair.signature().serialHex(), pair.signature().pem(),
                                        pair.authentication().notAfter(), card.authenticationSerial(), card.signatureSerial()))));
    }

    /** 409 unless delivered or active, or when the card itself ends within the window; 422 before the window opens. */
    private Mono<Void> renewable(Card card) {
        if (card.state() != CardState.DELIVERED && card.state() != CardState.ACTIVE) {
            return Mono.error(ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "card.not-renewable",
                    card.state().databaseName()));
        }
        Instant now = clock.instant();
        if (window.cardEndsWithin(card, now)) {
            return Mono.error(ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "renewal.card-ending", frenchDay(card.expiresAt())));
        }
        return certificates.find(card.authenticationSerial())
                .flatMap(current -> window.isOpen(current.notAfter(), now) ? Mono.empty()
                        : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "renewal.too-early",
                                frenchDay(window.opensFor(current.notAfter())), frenchDay(current.notAfter()))));
    }

    private static LocalDate frenchDay(Instant instant) {
        return LocalDate.ofInstant(instant, FRANCE);
    }
}
