package fr.cartesagents.ra.audit;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.database.DatabaseAvailability;
import fr.cartesagents.ra.database.DatabaseFailures;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Builds the audit trail's hash chain after commit. Requests append their events without a lock and
 * without a hash ({@link AuditTrail#append}); the chainer takes the committed events that are not
 * chained yet, in id order, by batches, and gives each the next chain position, the previous event's
 * hash and its own hash, then moves the chain's head, all in one transaction. The head's row is
 * locked for that transaction, so one instance of the cluster chains at a time and the chain never
 * forks; an event committed late with a lower id simply gets a later position. Nothing is lost when
 * an instance stops between a commit and the chaining: the events wait in the table, and any
 * instance's next round (at start-up, after a commit, every {@code cartes.audit.chain-poll}) chains
 * them.
 *
 * <p>Why not under a lock in the request, as before: the lock was held until the request's commit
 * (an fsync), twice per issuance, so every state change of every instance waited for the previous
 * one's commit. Now one commit chains hundreds of events.
 */
@Component
public class AuditChainer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChainer.class);
    private static final Duration BACKGROUND_ROUND_TIMEOUT = Duration.ofSeconds(30);

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final DatabaseAvailability availability;
    private final AuditChainProperties properties;
    /** A round was asked for since the running one started. */
    private final AtomicBoolean requested = new AtomicBoolean();
    /** A background round runs on this instance (at most one at a time). */
    private final AtomicBoolean running = new AtomicBoolean();
    /** The last background round failed: log the next failure of the streak at debug level only. */
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile Disposable poller;

    AuditChainer(DatabaseClient database, TransactionalOperator transactions, DatabaseAvailability availability,
                 AuditChainProperties properties) {
        this.database = database;
        this.transactions = transactions;
        this.availability = availability;
        this.properties = properties;
    }

    /**
     * Asks for a round soon (after a commit that appended events): never blocks, never fails. Signals
     * that come while a round runs make one more round after it, not one each.
     */
    public void signal() {
        requested.set(true);
        if (!running.compareAndSet(false, true)) {
            return; // the running round sees requested afterwards and goes again
        }
        requested.set(false);
        roundsUntilCaughtUp(false)
                // a frozen database must not hold this instance's only background round for ever
                .timeout(BACKGROUND_ROUND_TIMEOUT)
                .doOnSuccess(chained -> {
                    if (failing.compareAndSet(true, false)) {
                        LOG.info("The audit chainer works again");
                    }
                })
                .onErrorResume(error -> {
                    logFailure(error);
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    running.set(false);
                    if (requested.get() && poller != null) {
                        signal();
                    }
                })
                .subscribe();
    }

    /**
     * Chains every event committed before this call, waiting for another instance's round when one
     * holds the head; the number of events this call chained. For whoever must read a complete chain:
     * the verification, the checkpoints, tests.
     */
    public Mono<Long> chainNow() {
        return roundsUntilCaughtUp(true);
    }

    /** The end of the chained part. */
    public Mono<AuditChainHead> head() {
        return database.sql("select position, event_id, hash from audit_chain_head").map(AuditChainer::head).one();
    }

    /** The committed events not chained yet. */
    public Mono<UnchainedEvents> unchained() {
        return database.sql("select count(*) as waiting, min(occurred_at) as oldest from audit_event where chain_position is null")
                .map(row -> new UnchainedEvents(row.get("waiting", Long.class),
                        Optional.ofNullable(row.get("oldest", OffsetDateTime.class)).map(OffsetDateTime::toInstant)))
                .one();
    }

    private Mono<Boolean> anyWaiting() {
        return database.sql("select exists (select 1 from audit_event where chain_position is null) as waiting")
                .map(row -> Boolean.TRUE.equals(row.get("waiting", Boolean.class))).one();
    }

    private Mono<Long> roundsUntilCaughtUp(boolean waitForOthers) {
        return round(waitForOthers)
                .expand(chained -> chained == properties.chainBatch() ? round(waitForOthers) : Mono.empty())
                .reduce(0L, Long::sum);
    }

    /** One transaction: the head locked, up to a batch of waiting events chained; 0 when another instance holds the head. */
    private Mono<Integer> round(boolean waitForOthers) {
        Mono<Integer> round = database.sql("select position, event_id, hash from audit_chain_head for update"
                        + (waitForOthers ? "" : " skip locked"))
                .map(AuditChainer::head)
                .one()
                .flatMap(head -> database.sql("select " + AuditEventRows.COLUMNS + " from audit_event where chain_position is null"
                                + " order by id limit :batch")
                        .bind("batch", properties.chainBatch())
                        .map(AuditEventRows::read)
                        .all()
                        .collectList()
                        .flatMap(waiting -> waiting.isEmpty() ? Mono.just(0) : link(head, waiting)));
        return transactions.transactional(round).defaultIfEmpty(0);
    }

    /** Chains {@code waiting} after {@code head}: two statements whatever the batch's size. */
    private Mono<Integer> link(AuditChainHead head, List<AuditEvent> waiting) {
        int size = waiting.size();
        Long[] ids = new Long[size];
        Long[] positions = new Long[size];
        String[] previousHashes = new String[size];
        String[] hashes = new String[size];
        long position = head.position();
        String hash = head.hash();
        for (int i = 0; i < size; i++) {
            AuditEvent event = waiting.get(i);
            previousHashes[i] = hash;
            // Hashed from the row as stored (time at its stored precision, details as read back), as the verification reads it.
            hash = AuditHash.chain(hash, event.occurredAt(), event.entry());
            ids[i] = event.id();
            positions[i] = ++position;
            hashes[i] = hash;
        }
        long lastPosition = position;
        String lastHash = hash;
        return database.sql("update audit_event e set chain_position = v.position, previous_hash = v.previous_hash, hash = v.hash"
                        + " from unnest(cast(:ids as bigint[]), cast(:positions as bigint[]), cast(:previousHashes as text[]),"
                        + " cast(:hashes as text[])) as v(id, position, previous_hash, hash)"
                        + " where e.id = v.id and e.chain_position is null")
                .bind("ids", ids).bind("positions", positions).bind("previousHashes", previousHashes).bind("hashes", hashes)
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == size
                        ? database.sql("update audit_chain_head set position = :position, event_id = :eventId, hash = :hash")
                                .bind("position", lastPosition).bind("eventId", ids[size - 1]).bind("hash", lastHash)
                                .fetch().rowsUpdated().thenReturn(size)
                        : Mono.error(new IllegalStateException("Chained " + updated + " audit events of " + size
                                + ": the chain's head was not held (rolled back)")));
    }

    private static AuditChainHead head(io.r2dbc.spi.Readable row) {
        return new AuditChainHead(row.get("position", Long.class), Optional.ofNullable(row.get("event_id", Long.class)),
                row.get("hash", String.class));
    }

    private void logFailure(Throwable error) {
        if (!isRunning()) {
            return; // stopping: the pool is closing under the round; the next start chains what is left
        }
        boolean first = failing.compareAndSet(false, true);
        if (DatabaseFailures.isUnavailable(error)) {
            LOG.warn("Audit chaining skipped: the database did not answer; the next round tries again");
        } else if (first) {
            LOG.error("Audit chaining failed; the events wait and the next round tries again", error);
        } else {
            LOG.debug("Audit chaining failed again", error);
        }
    }

    /** Chains what waits at start-up (appended by an instance that stopped before chaining), then polls. */
    @Override
    public void start() {
        // An idle poll is one indexed look-up (the partial index of the waiting events), not a transaction.
        poller = Flux.interval(properties.chainPoll())
                .startWith(0L)
                .onBackpressureDrop()
                .filter(tick -> availability.isUp())
                .concatMap(tick -> anyWaiting().timeout(BACKGROUND_ROUND_TIMEOUT).onErrorReturn(true), 1)
                .filter(Boolean::booleanValue)
                .subscribe(waiting -> signal());
    }

    @Override
    public void stop() {
        Disposable polling = poller;
        poller = null;
        if (polling != null) {
            polling.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
