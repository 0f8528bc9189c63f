package fr.cartesagents.ra.audit.checkpoint;

import fr.cartesagents.ra.audit.AuditChainHead;
import fr.cartesagents.ra.audit.AuditChainer;
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
 * when events were chained since the last checkpoint. A checkpoint seals the chain's head after
 * chaining what was committed before it, so that it covers every event committed until then.
 */
@Component
public class AuditCheckpoints {

    /** Advisory lock key of checkpoint writing ("cartchkp"). */
    private static final long CHECKPOINT_LOCK = 0x6361727463686b70L;

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final AuditSigner signer;
    private final AuditChainer chainer;
    private final Clock clock;

    public AuditCheckpoints(DatabaseClient database, TransactionalOperator transactions, AuditSigner signer, AuditChainer chainer,
                            Clock clock) {
        this.database = database;
        this.transactions = transactions;
        this.signer = signer;
        this.chainer = chainer;
        this.clock = clock;
    }

    /** Seals the trail up to its last event; empty when nothing new happened or another instance is at it. */
    public Mono<Optional<AuditCheckpoint>> checkpoint() {
        Mono<AuditCheckpoint> written = database.sql("select pg_try_advisory_xact_lock(:lock) as locked").bind("lock", CHECKPOINT_LOCK)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class))).one()
                .filter(Boolean::booleanValue)
                .flatMap(locked -> chainer.head())
                .filter(head -> head.eventId().isPresent())
                .filterWhen(head -> database.sql("select not exists (select 1 from audit_checkpoint where last_event_id = :eventId) as fresh")
                        .bind("eventId", head.eventId().get())
                        .map(row -> Boolean.TRUE.equals(row.get("fresh", Boolean.class))).one())
                .flatMap(head -> {
                    CheckpointStatement statement = new CheckpointStatement(head.eventId().get(), head.hash(),
                            AuditHash.storedPrecision(clock.instant()));
                    return Mono.fromCallable(() -> signer.sign(statement.canonical()))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(signature -> insert(statement, head, signature));
                });
        return chainer.chainNow().then(transactions.transactional(written).map(Optional::of).defaultIfEmpty(Optional.empty()));
    }

    private Mono<AuditCheckpoint> insert(CheckpointStatement statement, AuditChainHead head, byte[] signature) {
        return database.sql("insert into audit_checkpoint (last_event_id, last_event_hash, signed_at, signature, last_chain_position)"
                        + " values (:eventId, :hash, :signedAt, :signature, :position) returning id")
                .bind("eventId", statement.lastEventId())
                .bind("hash", statement.lastEventHash())
                .bind("signedAt", OffsetDateTime.ofInstant(statement.signedAt(), ZoneOffset.UTC))
                .bind("signature", signature)
                .bind("position", head.position())
                .map(row -> row.get("id", Long.class))
                .one()
                .map(id -> new AuditCheckpoint(id, statement.lastEventId(), statement.lastEventHash(), statement.signedAt(), signature,
                        head.position()));
    }

    /** How many events were appended after the last checkpoint: chained since, or not chained yet (as recorded; the verification recomputes it). */
    public Mono<Long> unsealedEvents() {
        Mono<Long> sealedUpTo = database.sql("select coalesce(max(last_chain_position), 0) as sealed from audit_checkpoint")
                .map(row -> row.get("sealed", Long.class)).one();
        return Mono.zip(chainer.head(), sealedUpTo, chainer.unchained())
                .map(counts -> Math.max(0, counts.getT1().position() - counts.getT2()) + counts.getT3().count());
    }

    public Flux<AuditCheckpoint> all() {
        return database.sql("select id, last_event_id, last_event_hash, signed_at, signature, last_chain_position"
                        + " from audit_checkpoint order by id")
                .map(row -> new AuditCheckpoint(row.get("id", Long.class), row.get("last_event_id", Long.class),
                        row.get("last_event_hash", String.class), row.get("signed_at", OffsetDateTime.class).toInstant(),
                        row.get("signature", byte[].class), row.get("last_chain_position", Long.class)))
                .all();
    }

}
