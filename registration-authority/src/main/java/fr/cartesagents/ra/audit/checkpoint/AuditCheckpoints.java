package fr.cartesagents.ra.audit.checkpoint;

import fr.cartesagents.ra.audit.AuditHash;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Signed checkpoints of the audit trail. One instance at a time writes one (a transaction-scoped
 * advisory lock, tried rather than awaited: another instance already doing it is enough), and only
 * when events were appended since the last checkpoint.
 */
@Component
public class AuditCheckpoints {

    /** Advisory lock key of checkpoint writing ("cartchkp"). */
    private static final long CHECKPOINT_LOCK = 0x6361727463686b70L;

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final AuditSigner signer;
    private final Clock clock;

    public AuditCheckpoints(DatabaseClient database, TransactionalOperator transactions, AuditSigner signer, Clock clock) {
        this.database = database;
        this.transactions = transactions;
        this.signer = signer;
        this.clock = clock;
    }

    /** Seals the trail up to its last event; empty when nothing new happened or another instance is at it. */
    public Mono<Optional<AuditCheckpoint>> checkpoint() {
        Mono<AuditCheckpoint> written = database.sql("select pg_try_advisory_xact_lock(:lock) as locked").bind("lock", CHECKPOINT_LOCK)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class))).one()
                .filter(Boolean::booleanValue)
                .flatMap(locked -> database.sql("select e.id, e.hash from audit_event e where e.id = (select max(id) from audit_event)"
                                + " and not exists (select 1 from audit_checkpoint c where c.last_event_id >= e.id)")
                        .map(row -> new CheckpointStatement(row.get("id", Long.class), row.get("hash", String.class),
                                AuditHash.storedPrecision(clock.instant())))
                        .one())
                .flatMap(statement -> Mono.fromCallable(() -> signer.sign(statement.canonical()))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(signature -> insert(statement, signature)));
        return transactions.transactional(written).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private Mono<AuditCheckpoint> insert(CheckpointStatement statement, byte[] signature) {
        return database.sql("insert into audit_checkpoint (last_event_id, last_event_hash, signed_at, signature)"
                        + " values (:eventId, :hash, :signedAt, :signature) returning id")
                .bind("eventId", statement.lastEventId())
                .bind("hash", statement.lastEventHash())
                .bind("signedAt", OffsetDateTime.ofInstant(statement.signedAt(), ZoneOffset.UTC))
                .bind("signature", signature)
                .map(row -> row.get("id", Long.class))
                .one()
                .map(id -> new AuditCheckpoint(id, statement.lastEventId(), statement.lastEventHash(), statement.signedAt(), signature));
    }

    public Flux<AuditCheckpoint> all() {
        return database.sql("select id, last_event_id, last_event_hash, signed_at, signature from audit_checkpoint order by id")
                .map(row -> new AuditCheckpoint(row.get("id", Long.class), row.get("last_event_id", Long.class),
                        row.get("last_event_hash", String.class), row.get("signed_at", OffsetDateTime.class).toInstant(),
                        row.get("signature", byte[].class)))
                .all();
    }

}
