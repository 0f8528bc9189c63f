package fr.cartesagents.ra.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only, hash-chained audit trail. An event is appended inside the transaction of the
 * change it records, so the two commit or roll back together; appends are serialised by a
 * transaction-scoped advisory lock, so that the chain never forks, even across server instances.
 */
@Component
public class AuditTrail {

    /** Advisory lock key of the chain's head ("cartaudi"). */
    private static final long CHAIN_LOCK = 0x6361727461756469L;
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };

    private final DatabaseClient database;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public AuditTrail(DatabaseClient database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Appends {@code entry}; fails unless called inside a transaction (the change's own). */
    public Mono<AuditEvent> append(AuditEntry entry) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .onErrorResume(e -> Mono.empty())
                .switchIfEmpty(Mono.error(new IllegalStateException(
                        "An audit event must be written in the transaction of the change it records")))
                .then(database.sql("select pg_advisory_xact_lock(:lock)").bind("lock", CHAIN_LOCK).then())
                .then(database.sql("select hash from audit_event order by id desc limit 1")
                        .map(row -> row.get("hash", String.class)).first().defaultIfEmpty(AuditHash.GENESIS))
                .flatMap(previousHash -> insert(entry, previousHash));
    }

    private Mono<AuditEvent> insert(AuditEntry entry, String previousHash) {
        Instant occurredAt = AuditHash.storedPrecision(clock.instant());
        String hash = AuditHash.chain(previousHash, occurredAt, entry);
        return database.sql("insert into audit_event (occurred_at, actor, action, target, details, collectivity_id, remote_address,"
                        + " previous_hash, hash) values (:occurredAt, :actor, :action, :target, :details, :collectivity,"
                        + " :remoteAddress, :previousHash, :hash) returning id")
                .bind("occurredAt", OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC))
                .bind("actor", entry.actor())
                .bind("action", entry.action())
                .bind("target", entry.target())
                .bind("details", Json.of(json.writeValueAsString(entry.details())))
                .bind("collectivity", Parameter.fromOrEmpty(entry.collectivity().orElse(null), UUID.class))
                .bind("remoteAddress", Parameter.fromOrEmpty(entry.remoteAddress().orElse(null), String.class))
                .bind("previousHash", previousHash)
                .bind("hash", hash)
                .map(row -> row.get("id", Long.class))
                .one()
                .map(id -> new AuditEvent(id, occurredAt, entry, previousHash, hash));
    }

    /** Events in chain order, optionally only those about {@code target}. */
    public Flux<AuditEvent> events(Optional<String> target) {
        String sql = "select " + COLUMNS + " from audit_event"
                + (target.isPresent() ? " where target = :target" : "") + " order by id";
        DatabaseClient.GenericExecuteSpec query = database.sql(sql);
        if (target.isPresent()) {
            query = query.bind("target", target.get());
        }
        return query.map(this::read).all();
    }

    /** The columns every query of events selects, in this order. */
    public static final String COLUMNS = "id, occurred_at, actor, action, target, details, collectivity_id, remote_address, previous_hash, hash";

    /** An event from a row of {@link #COLUMNS}. */
    AuditEvent read(io.r2dbc.spi.Readable row) {
        return new AuditEvent(
                row.get("id", Long.class),
                row.get("occurred_at", OffsetDateTime.class).toInstant(),
                new AuditEntry(row.get("actor", String.class), row.get("action", String.class),
                        row.get("target", String.class), json.readValue(row.get("details", Json.class).asString(), DETAILS),
                        Optional.ofNullable(row.get("collectivity_id", UUID.class)),
                        Optional.ofNullable(row.get("remote_address", String.class))),
                row.get("previous_hash", String.class),
                row.get("hash", String.class));
    }

    /** Recomputes the whole chain: the id of the first event that does not fit, or empty when all do. */
    public Mono<Optional<Long>> firstBrokenLink() {
        return events(Optional.empty())
                .scan(new ChainCheck(AuditHash.GENESIS, Optional.empty()), (check, event) -> check.broken().isPresent()
                        ? check
                        : event.previousHash().equals(check.expectedPrevious())
                                && event.hash().equals(AuditHash.chain(event.previousHash(), event.occurredAt(), event.entry()))
                                ? new ChainCheck(event.hash(), Optional.empty())
                                : new ChainCheck(check.expectedPrevious(), Optional.of(event.id())))
                .last()
                .map(ChainCheck::broken);
    }

    private record ChainCheck(String expectedPrevious, Optional<Long> broken) {
    }
}
