package fr.cartesagents.ra.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.ShortTimersServer;

/**
 * Security finding 8 (issue 10), idempotency keys: the server's own scheduled job forgets the keys
 * older than the retention (one hour here) and keeps the recent ones.
 */
class IdempotencyKeyPurgeTest extends ShortTimersServer {

    @Test
    void whenAKeyIsOlderThanTheRetention_thenTheScheduledPurgeDeletesItAndKeepsTheRecentOnes() {
        insertKey("old-key", "now() - interval '2 hours'");
        insertKey("recent-key", "now() - interval '10 minutes'");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (exists("old-key") && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        assertThat(exists("old-key")).as("purged by the scheduled job").isFalse();
        assertThat(exists("recent-key")).as("within the retention").isTrue();
    }

    private void insertKey(String key, String createdAt) {
        database.sql("insert into idempotency_key (principal, key, request_hash, response_status, response_body, created_at)"
                        + " values ('purge-test', :key, 'hash', 201, '{}', " + createdAt + ")")
                .bind("key", key).then().block();
    }

    private boolean exists(String key) {
        return Boolean.TRUE.equals(database.sql("select exists(select 1 from idempotency_key where principal = 'purge-test'"
                + " and key = :key) as found").bind("key", key).map(row -> row.get("found", Boolean.class)).one().block());
    }
}
