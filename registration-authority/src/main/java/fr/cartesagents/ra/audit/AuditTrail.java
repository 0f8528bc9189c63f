package fr.cartesagents.ra.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The append-only, hash-chained audit trail. An event is appended inside the transaction of the
 * change it records, so the two commit or roll back together. The append takes no lock and computes
 * no hash: after the commit, {@link AuditChainer} (one instance of the cluster at a time) gives the
 * committed events their place in the chain and their hashes, so that no request waits for another's
 * commit. An appended event is readable at once; its hashes follow a moment later.
 */
@Component
public class AuditTrail {

    /** The columns every query of events selects, in this order. */
    public static final String COLUMNS = AuditEventRows.COLUMNS;

    private final DatabaseClient database;
    private final Clock clock;
    /** Absent in the command-line tools, whose events a server's chainer chains (its poll, or its next start). */
    private final ObjectProvider<AuditChainer> chainer;
    /** One instance, so that a transaction that appends several events signals the chainer once. */
    private final TransactionSynchronization signalAfterCommit = new TransactionSynchronization() {
        @Override
        public Mono<Void> afterCommit() {
            return Mono.fromRunnable(() -> chainer.ifAvailable(AuditChainer::signal));
        }
    };

    public AuditTrail(DatabaseClient database, Clock clock, ObjectProvider<AuditChainer> chainer) {
        this.database = database;
        this.clock = clock;
        this.chainer = chainer;
    }

    /** Appends {@code entry}, not chained yet; fails unless called inside a transaction (the change's own). */
    public Mono<AuditEvent> append(AuditEntry entry) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .onErrorResume(e -> Mono.empty())
                .switchIfEmpty(Mono.error(new IllegalStateException(
                        "An audit event must be written in the transaction of the change it records")))
                .flatMap(transaction -> {
                    if (transaction.isSynchronizationActive()) {
                        transaction.registerSynchronization(signalAfterCommit);
                    }
                    return insert(entry);
                });
    }

    private Mono<AuditEvent> insert(AuditEntry entry) {
        Instant occurredAt = AuditHash.storedPrecision(clock.instant());
        return database.sql("insert into audit_event (occurred_at, actor, action, target, details, collectivity_id, remote_address)"
                        + " values (:occurredAt, :actor, :action, :target, :details, :collectivity, :remoteAddress) returning id")
                .bind("occurredAt", OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC))
                .bind("actor", entry.actor())
                .bind("action", entry.action())
                .bind("target", entry.target())
                .bind("details", Json.of(AuditEventRows.json(entry.details())))
                .bind("collectivity", Parameter.fromOrEmpty(entry.collectivity().orElse(null), UUID.class))
                .bind("remoteAddress", Parameter.fromOrEmpty(entry.remoteAddress().orElse(null), String.class))
                .map(row -> row.get("id", Long.class))
                .one()
                .map(id -> AuditEvent.unchained(id, occurredAt, entry));
    }

    /** Events in the order they were appended (chained or not yet), optionally only those about {@code target}. */
    public Flux<AuditEvent> events(Optional<String> target) {
        String sql = "select " + COLUMNS + " from audit_event"
                + (target.isPresent() ? " where target = :target" : "") + " order by id";
        DatabaseClient.GenericExecuteSpec query = database.sql(sql);
        if (target.isPresent()) {
            query = query.bind("target", target.get());
        }
        return query.map(AuditEventRows::read).all();
    }

    /** Whether the trail holds an event of one of these actions (a start-up asks whether something ever happened). */
    public Mono<Boolean> hasAny(Collection<String> actions) {
        return database.sql("select exists (select 1 from audit_event where action = any(:actions)) as found")
                .bind("actions", actions.toArray(String[]::new))
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    /** The chained events, in chain order. */
    public Flux<AuditEvent> chainedEvents() {
        return database.sql("select " + COLUMNS + " from audit_event where chain_position is not null order by chain_position")
                .map(AuditEventRows::read).all();
    }

    /**
     * Chains what is committed (when this is a server), then recomputes the whole chain: the id of the
     * first event that does not fit, or empty when all do.
     */
    public Mono<Optional<Long>> firstBrokenLink() {
        Mono<Long> chained = chainer.getIfAvailable() == null ? Mono.just(0L) : chainer.getObject().chainNow();
        return chained.thenMany(chainedEvents())
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
