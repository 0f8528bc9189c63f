package fr.cartesagents.ra.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Issue 11: a card whose six years have ended becomes {@code expired} through the card expiry job, once,
 * even when two instances run the job at the same moment; a card still valid, or already revoked, is left
 * as it is.
 */
class CardExpiryTest extends CardLifecycleServer {

    @Autowired
    private CardExpiry expiry;

    @BeforeEach
    void world() {
        freshCommune("Expiration-" + newKey().substring(0, 6));
    }

    @Test
    void whenTheSixYearsOfCardsHaveEnded_thenTwoJobsRunningAtOnceExpireEachOnce_andLeaveTheOthersAlone() {
        UUID personalized = personalizedCardOf(agent("Personnalisée")).id();
        UUID delivered = personalizedCardOf(agent("Remise")).id();
        UUID active = personalizedCardOf(agent("Active")).id();
        UUID revoked = personalizedCardOf(agent("Révoquée")).id();
        UUID valid = personalizedCardOf(agent("Valide")).id();
        for (UUID ended : new UUID[] {personalized, delivered, active, revoked}) {
            database.sql("update card set personalized_at = now() - interval '6 years 1 day', expires_at = now() - interval '1 day'"
                    + " where id = :id").bind("id", ended).then().block();
        }
        database.sql("update card set state = 'delivered', delivered_at = now() - interval '5 years' where id = :id")
                .bind("id", delivered).then().block();
        database.sql("update card set state = 'active', delivered_at = now() - interval '5 years', activated_at = now() - interval '5 years'"
                + " where id = :id").bind("id", active).then().block();
        database.sql("update card set state = 'revoked', revoked_at = now() - interval '1 year', revocation_reason = 'superseded'"
                + " where id = :id").bind("id", revoked).then().block();

        // Two instances at the same moment, each in its own transactions.
        Mono.zip(expiry.expireDue().subscribeOn(Schedulers.boundedElastic()),
                expiry.expireDue().subscribeOn(Schedulers.boundedElastic())).block();
        expiry.expireDue().block();

        for (UUID ended : new UUID[] {personalized, delivered, active}) {
            assertThat(cardState(ended)).as("card %s", ended).isEqualTo("expired");
            assertThat(Collections.frequency(auditActions("card:" + ended), "card.expire")).as("one event for card %s", ended)
                    .isEqualTo(1);
        }
        assertThat(auditDetail(active, "from")).isEqualTo("active");
        assertThat(cardState(revoked)).as("a revoked card stays revoked").isEqualTo("revoked");
        assertThat(cardState(valid)).as("a card within its six years").isEqualTo("personalized");
        assertThat(auditActions("card:" + revoked)).doesNotContain("card.expire");
        assertThat(auditActions("card:" + valid)).doesNotContain("card.expire");
        assertAuditChainIntact();
    }

    private String auditDetail(UUID cardId, String key) {
        return database.sql("select details ->> :key as v from audit_event where target = :t and action = 'card.expire'")
                .bind("key", key).bind("t", "card:" + cardId).map(row -> row.get("v", String.class)).one().block();
    }
}
