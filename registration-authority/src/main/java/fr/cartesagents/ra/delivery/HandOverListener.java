package fr.cartesagents.ra.delivery;

import java.util.Map;

import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * What other features do when a card is handed over, in the hand-over's transaction: for instance
 * give the holder their personal revocation code (issue 17), shown once in the hand-over's answer.
 * The members returned are added to that answer; it is not stored, so a secret in it is never kept.
 */
public interface HandOverListener {

    Mono<Map<String, String>> handedOver(Actor actor, Card card);
}
