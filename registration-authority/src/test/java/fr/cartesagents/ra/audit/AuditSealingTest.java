package fr.cartesagents.ra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.testsupport.ShortTimersServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security finding 7 (issue 10): the trail is sealed by a checkpoint from the start (not an hour
 * later), again once a few events wait, and the verification says how many events no checkpoint
 * covers yet; so deleting the newest sealed events is caught, and a truncation of unsealed ones at
 * least shows as a smaller count.
 */
class AuditSealingTest extends ShortTimersServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void fromStartUpTheTrailIsSealedAndTheVerificationCountsWhatIsNotYet_thenADeletionOfSealedEventsIsCaught() {
        JsonNode atStart = verification();
        assertThat(atStart.get("intact").asBoolean()).as(atStart.toString()).isTrue();
        assertThat(atStart.get("lastCheckpointEventId")).as("a checkpoint written at start-up: " + atStart).isNotNull();
        assertThat(atStart.get("unsealedEvents")).as(atStart.toString()).isNotNull();

        long sealedBefore = atStart.get("lastCheckpointEventId").asLong();
        long waitingBefore = atStart.get("unsealedEvents").asLong();
        append(1);
        JsonNode oneMore = verification();
        if (oneMore.get("lastCheckpointEventId").asLong() == sealedBefore) {
            assertThat(oneMore.get("unsealedEvents").asLong()).as(oneMore.toString()).isEqualTo(waitingBefore + 1);
        }

        long last = append(CHECKPOINT_EVERY_EVENTS);
        JsonNode sealed = awaitSealedUpTo(last);
        assertThat(sealed.get("unsealedEvents").asLong()).as(sealed.toString()).isZero();

        database.sql("create table audit_event_kept as select * from audit_event where id = :id").bind("id", last).then().block();
        try {
            database.sql("delete from audit_event where id = :id").bind("id", last).then().block();

            JsonNode truncated = verification();

            assertThat(truncated.get("intact").asBoolean()).as(truncated.toString()).isFalse();
            assertThat(truncated.get("reason").asString()).isEqualTo("checkpoint-event-missing");
        } finally {
            database.sql("insert into audit_event select * from audit_event_kept").then()
                    .then(database.sql("drop table audit_event_kept").then()).block();
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    /** Appends {@code count} events; the id of the last. */
    private long append(int count) {
        long last = 0;
        for (int i = 0; i < count; i++) {
            last = transactions.transactional(audit.append(new AuditEntry("test", "test.sealing", "test:" + i, Map.of())))
                    .block().id();
        }
        return last;
    }

    private JsonNode awaitSealedUpTo(long eventId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode verification = verification();
        while (verification.get("lastCheckpointEventId").asLong() < eventId && Instant.now().isBefore(deadline)) {
            sleep();
            verification = verification();
        }
        assertThat(verification.get("lastCheckpointEventId").asLong()).as("sealed after " + CHECKPOINT_EVERY_EVENTS
                + " events: " + verification).isGreaterThanOrEqualTo(eventId);
        return verification;
    }

    private JsonNode verification() {
        HttpResponse<byte[]> response = get(administratorClient(), api("/api/v1/audit/verification"));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
