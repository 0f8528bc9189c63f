package fr.cartesagents.ra.card;

import static fr.cartesagents.ra.card.CardAction.ACTIVATE;
import static fr.cartesagents.ra.card.CardAction.DELIVER;
import static fr.cartesagents.ra.card.CardAction.EXPIRE;
import static fr.cartesagents.ra.card.CardAction.REVOKE;
import static fr.cartesagents.ra.card.CardState.ACTIVE;
import static fr.cartesagents.ra.card.CardState.DELIVERED;
import static fr.cartesagents.ra.card.CardState.EXPIRED;
import static fr.cartesagents.ra.card.CardState.PERSONALIZED;
import static fr.cartesagents.ra.card.CardState.REVOKED;

import fr.cartesagents.ra.lifecycle.TransitionTable;

/**
 * The lifecycle of a card: created personalized (both certificates in one transaction), then
 * personalized → delivered → active → (revoked | expired); a card not yet handed over can be revoked
 * (pulled out half way, lost before the hand-over) or expire. Anything else is a 409
 * ({@code card.illegal-transition}).
 */
public final class CardLifecycle {

    public static final TransitionTable<CardState, CardAction> TABLE =
            TransitionTable.of(CardState.class, CardAction.class, "card.illegal-transition")
                    .allow(DELIVER, PERSONALIZED).to(DELIVERED)
                    .allow(ACTIVATE, DELIVERED).to(ACTIVE)
                    .allow(REVOKE, PERSONALIZED, DELIVERED, ACTIVE).to(REVOKED)
                    .allow(EXPIRE, PERSONALIZED, DELIVERED, ACTIVE).to(EXPIRED)
                    .build();

    private CardLifecycle() {
    }
}
