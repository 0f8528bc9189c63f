package fr.cartesagents.ra.renewal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code renewal_supersession} table: which renewal superseded a certificate, and when. */
@Repository
class RenewalSupersessions {

    /** The renewal that superseded a certificate. */
    record Supersession(UUID cardId, String idempotencyKey, Instant supersededAt) {
    }

    private final DatabaseClient database;

    RenewalSupersessions(DatabaseClient database) {
        this.database = database;
    }

    /** In the renewal's transaction: the two certificates it supersedes (lowercase hexadecimal serials). */
    Mono<Void> record(UUID cardId, String idempotencyKey, Instant at, String... supersededSerials) {
        return Flux.fromArray(supersededSerials)
                .concatMap(serial -> database.sql("insert into renewal_supersession (superseded_serial, card_id, idempotency_key,"
                                + " superseded_at) values (:serial, :card, :key, :at)")
                        .bind("serial", serial).bind("card", cardId).bind("key", idempotencyKey)
                        .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                        .then())
                .then();
    }

    Mono<Supersession> find(String supersededSerial) {
        return database.sql("select card_id, idempotency_key, superseded_at from renewal_supersession where superseded_serial = :serial")
                .bind("serial", supersededSerial)
                .map(row -> new Supersession(row.get("card_id", UUID.class), row.get("idempotency_key", String.class),
                        row.get("superseded_at", OffsetDateTime.class).toInstant()))
                .one();
    }
}
