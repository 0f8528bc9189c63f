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
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.lifecycle.LifecycleSpec;

/** The card's lifecycle as issue 11 states it: personalized → delivered → active → (revoked | expired). */
class CardLifecycleTest {

    @Test
    void theTableIsTheCardsLifecycle() {
        LifecycleSpec.of(CardLifecycle.TABLE, CardState.class, CardAction.class)
                .row(DELIVER, DELIVERED, PERSONALIZED)
                .row(ACTIVATE, ACTIVE, DELIVERED)
                .row(REVOKE, REVOKED, PERSONALIZED, DELIVERED, ACTIVE)
                .row(EXPIRE, EXPIRED, PERSONALIZED, DELIVERED, ACTIVE)
                .verify(REVOKED, EXPIRED);
    }

    @Test
    void movesAndEventsKeepTheirStoredAuditNames() {
        assertThat(Arrays.stream(CardAction.values()).map(CardAction::auditName))
                .containsExactly("card.deliver", "card.activate", "card.revoke", "card.expire");
        assertThat(Arrays.stream(CardEvent.values()).map(CardEvent::auditName))
                .containsExactly("card.personalized", "card.certificates-renewed", "card.pin-blocked",
                        "card.pin-unblocked");
    }

    @Test
    void aCardLastsSixYearsFromPersonalization() {
        assertThat(Card.expiryOf(java.time.Instant.parse("2026-12-07T10:00:00Z"))).isEqualTo("2032-12-07T10:00:00Z");
    }
}
