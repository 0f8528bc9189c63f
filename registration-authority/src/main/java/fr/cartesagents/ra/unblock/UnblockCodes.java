package fr.cartesagents.ra.unblock;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The tables {@code card_unblock_code} and {@code card_unblock_lock}. Joins the caller's transaction. */
@Repository
class UnblockCodes {

    private final DatabaseClient database;

    UnblockCodes(DatabaseClient database) {
        this.database = database;
    }

    /** A new code replaces the card's outstanding ones. */
    Mono<Void> replace(UUID cardId, String hash, String requestedBy, Instant now, Instant expiresAt) {
        return withdrawOutstanding(cardId, now)
                .then(database.sql("insert into card_unblock_code (id, card_id, code_hash, requested_by, created_at, expires_at)"
                                + " values (:id, :card, :hash, :by, :now, :expires)")
                        .bind("id", UUID.randomUUID()).bind("card", cardId).bind("hash", hash).bind("by", requestedBy)
                        .bind("now", utc(now)).bind("expires", utc(expiresAt))
                        .then());
    }

    Mono<Void> withdrawOutstanding(UUID cardId, Instant now) {
        return database.sql("update card_unblock_code set used_at = :now where card_id = :card and used_at is null")
                .bind("card", cardId).bind("now", utc(now)).then();
    }

    /** The hashes of the card's unused codes still in time. */
    Flux<OpenCode> open(UUID cardId, Instant now) {
        return database.sql("select id, code_hash from card_unblock_code where card_id = :card and used_at is null"
                        + " and expires_at > :now order by created_at desc")
                .bind("card", cardId).bind("now", utc(now))
                .map(row -> new OpenCode(row.get("id", UUID.class), row.get("code_hash", String.class)))
                .all();
    }

    /** The code served: used, and the card's secret released with it. */
    Mono<Void> markReleased(UUID codeId, Instant now) {
        return database.sql("update card_unblock_code set used_at = :now, released_at = :now where id = :id").bind("id", codeId)
                .bind("now", utc(now)).then();
    }

    /** Whether the card's secret was released at or after {@code since}. */
    Mono<Boolean> releasedSince(UUID cardId, Instant since) {
        return database.sql("select exists (select 1 from card_unblock_code where card_id = :card and released_at >= :since) as released")
                .bind("card", cardId).bind("since", utc(since)).map(row -> Boolean.TRUE.equals(row.get("released", Boolean.class))).one();
    }

    /** The card's lock row, created if absent and locked for update until the transaction ends. */
    Mono<LockState> lock(UUID cardId) {
        return database.sql("insert into card_unblock_lock (card_id) values (:card) on conflict (card_id) do nothing")
                .bind("card", cardId).then()
                .then(database.sql("select wrong_codes, locked_at is not null as locked from card_unblock_lock where card_id = :card"
                                + " for update")
                        .bind("card", cardId)
                        .map(row -> new LockState(row.get("wrong_codes", Integer.class), Boolean.TRUE.equals(row.get("locked", Boolean.class))))
                        .one());
    }

    Mono<Void> recordWrong(UUID cardId, int wrongCodes, boolean lockNow, Instant now) {
        return database.sql("update card_unblock_lock set wrong_codes = :wrong" + (lockNow ? ", locked_at = :now" : "")
                        + " where card_id = :card")
                .bind("card", cardId).bind("wrong", wrongCodes)
                .bindValues(lockNow ? java.util.Map.of("now", utc(now)) : java.util.Map.of())
                .then();
    }

    Mono<Void> reset(UUID cardId) {
        return database.sql("update card_unblock_lock set wrong_codes = 0, locked_at = null where card_id = :card")
                .bind("card", cardId).then();
    }

    record OpenCode(UUID id, String hash) {
    }

    record LockState(int wrongCodes, boolean locked) {
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
