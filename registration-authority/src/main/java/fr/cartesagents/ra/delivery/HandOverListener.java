package fr.cartesagents.ra.delivery;

import java.util.List;
import java.util.Map;

import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * What other features do when a card is handed over, in the hand-over's transaction: for instance
 * give the holder their personal revocation code (issue 17), shown once in the hand-over's answer
 * and printed on the receipt the holder keeps. The answer is not stored, so a secret in it is never kept.
 */
public interface HandOverListener {

    Mono<Addition> handedOver(Actor actor, Card card);

    /**
     * What a listener adds: members of the hand-over's answer, and lines printed under the signed
     * receipt text on the copy the holder keeps ({@code printableReceipt}; the signed bytes stay as they were).
     */
    record Addition(Map<String, String> answer, List<String> receiptLines) {

        public Addition {
            answer = Map.copyOf(answer);
            receiptLines = List.copyOf(receiptLines);
        }
    }
}
