package fr.cartesagents.ra.revocation;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.delivery.HandOverListener;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * Gives the holder their personal revocation code when the card is handed over (issue 17), in the
 * hand-over's transaction: only its Argon2id hash is stored ({@link RevocationCodes}); the code is
 * in the hand-over's answer ({@code revocationCode}, not stored with it) and printed on the
 * receipt the holder keeps, so that they can declare a loss or theft without the card.
 */
@Component
class RevocationCodeAtHandOver implements HandOverListener {

    static final String ANSWER_MEMBER = "revocationCode";

    private final RevocationCodes codes;

    RevocationCodeAtHandOver(RevocationCodes codes) {
        this.codes = codes;
    }

    @Override
    public Mono<Addition> handedOver(Actor actor, Card card) {
        return codes.issue(actor, card.id()).map(code -> new Addition(Map.of(ANSWER_MEMBER, code), List.of(
                "Code personnel de révocation (à conserver à part de la carte) : " + code,
                "En cas de perte ou de vol, déclarez-le sans délai sur le portail (« Déclarer la perte ou le vol de ma carte »)"
                        + " avec ce code : la carte est révoquée aussitôt. Ce code n'est affiché qu'une fois.")));
    }
}
