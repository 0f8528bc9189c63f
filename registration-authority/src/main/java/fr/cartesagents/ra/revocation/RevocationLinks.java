package fr.cartesagents.ra.revocation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** The {@code card_revocation_link} table: one-time links by the SHA-256 of their token. Joins the caller's transaction. */
@Repository
class RevocationLinks {

    private final DatabaseClient database;

    RevocationLinks(DatabaseClient database) {
        this.database = database;
    }

    Mono<Void> add(String tokenHash, UUID personId, CardRevocationReason reason, Instant now, Instant expiresAt) {
        return database.sql("insert into card_revocation_link (token_hash, person_id, reason, created_at, expires_at)"
                        + " values (:hash, :person, :reason, :now, :expires)")
                .bind("hash", tokenHash).bind("person", personId).bind("reason", reason.apiName())
                .bind("now", utc(now)).bind("expires", utc(expiresAt))
                .then();
    }

    /** Uses the link if it is still unused and in time (one statement: two clicks cannot both use it). */
    Mono<UsedLink> use(String tokenHash, Instant now) {
        return database.sql("update card_revocation_link set used_at = :now where token_hash = :hash and used_at is null"
                        + " and expires_at > :now returning person_id, reason")
                .bind("hash", tokenHash).bind("now", utc(now))
                .map(row -> new UsedLink(row.get("person_id", UUID.class),
                        CardRevocationReason.fromApiName(row.get("reason", String.class)).orElseThrow()))
                .one();
    }

    record UsedLink(UUID personId, CardRevocationReason reason) {
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
