package fr.cartesagents.ra.renewal;

import java.math.BigInteger;
import java.time.Clock;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.card.CardState;
import fr.cartesagents.ra.security.SupersededCertificateUse;
import reactor.core.publisher.Mono;

/**
 * The one thing a certificate a renewal superseded may still do (issue 11, a lost renewal answer):
 * replay that renewal of its own card, {@code POST /api/v1/cards/{cardId}/renewal} with the same
 * Idempotency-Key, within {@code cartes.renewal.replay-window} of the renewal, while the card is not
 * revoked. The renewal revoked it in the same transaction that stored the answer, so without this the
 * holder whose answer was lost could not read it back (idempotency is scoped to the caller, and their
 * only certificate was the old one). The same body is the idempotency layer's check (another body:
 * 422), and {@link RenewalController} lets such a caller only replay, never renew.
 */
@Component
class SupersededRenewalReplay implements SupersededCertificateUse {

    private final RenewalSupersessions supersessions;
    private final CardQueries cards;
    private final RenewalProperties properties;
    private final Clock clock;

    SupersededRenewalReplay(RenewalSupersessions supersessions, CardQueries cards, RenewalProperties properties, Clock clock) {
        this.supersessions = supersessions;
        this.cards = cards;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> allows(BigInteger serial, Request request) {
        if (!"POST".equals(request.method()) || request.idempotencyKey().isEmpty()) {
            return Mono.just(false);
        }
        return supersessions.find(serial.toString(16))
                .filter(renewal -> request.path().equals(RenewalController.path(renewal.cardId()))
                        && request.idempotencyKey().get().equals(renewal.idempotencyKey())
                        && clock.instant().isBefore(renewal.supersededAt().plus(properties.replayWindow())))
                .flatMap(renewal -> cards.find(renewal.cardId()))
                .map(card -> card.state() != CardState.REVOKED)
                .defaultIfEmpty(false);
    }
}
