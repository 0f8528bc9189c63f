package fr.cartesagents.ra.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code notification_outbox} table. {@link #add} joins the caller's transaction; the sender's statements run alone. */
@Repository
class Outbox {

    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
    };

    private final DatabaseClient database;
    private final JsonMapper json = JsonMapper.builder().build();

    Outbox(DatabaseClient database) {
        this.database = database;
    }

    Mono<Void> add(String recipient, Notification notification, Instant now) {
        Map<String, String> secrets = notification.secrets();
        return database.sql("insert into notification_outbox (id, template, recipient, model, secret_model, created_at, due_at)"
                        + " values (:id, :template, :recipient, :model, :secrets, :now, :now)")
                .bind("id", UUID.randomUUID())
                .bind("template", notification.template().fileName())
                .bind("recipient", recipient)
                .bind("model", Json.of(json.writeValueAsString(notification.model())))
                .bind("secrets", Parameter.fromOrEmpty(secrets.isEmpty() ? null : Json.of(json.writeValueAsString(secrets)),
                        Json.class))
                .bind("now", utc(now))
                .then();
    }

    /**
     * Claims up to {@code batch} due messages for {@code lease}: rows another instance is sending
     * are skipped (skip locked), and a claim left by a crashed instance expires with its lease.
     */
    Flux<OutboxMessage> claimDue(Instant now, Duration lease, int batch) {
        return database.sql("update notification_outbox o set claimed_until = :until, attempts = o.attempts + 1"
                        + " where o.id in (select id from notification_outbox where sent_at is null and failed_at is null"
                        + " and due_at <= :now and (claimed_until is null or claimed_until < :now)"
                        + " order by due_at limit :batch for update skip locked)"
                        + " returning o.id, o.template, o.recipient, o.model, o.secret_model, o.attempts")
                .bind("now", utc(now))
                .bind("until", utc(now.plus(lease)))
                .bind("batch", batch)
                .map(this::message)
                .all();
    }

    Mono<Void> markSent(UUID id, Instant now) {
        return database.sql("update notification_outbox set sent_at = :now, secret_model = null, claimed_until = null,"
                        + " last_error = null where id = :id")
                .bind("id", id).bind("now", utc(now)).then();
    }

    /** Retries at {@code retryAt}, or gives up (wiping the secrets) when {@code giveUp}. */
    Mono<Void> markFailed(UUID id, String error, Instant now, Instant retryAt, boolean giveUp) {
        return database.sql("update notification_outbox set claimed_until = null, last_error = :error,"
                        + (giveUp ? " failed_at = :now, secret_model = null" : " due_at = :retryAt") + " where id = :id")
                .bind("id", id)
                .bind("error", error)
                .bindValues(giveUp ? Map.of("now", utc(now)) : Map.of("retryAt", utc(retryAt)))
                .then();
    }

    private OutboxMessage message(Readable row) {
        Json secrets = row.get("secret_model", Json.class);
        return new OutboxMessage(row.get("id", UUID.class), MailTemplate.ofFileName(row.get("template", String.class)),
                row.get("recipient", String.class), json.readValue(row.get("model", Json.class).asString(), VALUES),
                secrets == null ? Map.of() : json.readValue(secrets.asString(), VALUES), row.get("attempts", Integer.class));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
