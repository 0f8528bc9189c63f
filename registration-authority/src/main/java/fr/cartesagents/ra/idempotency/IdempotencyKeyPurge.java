package fr.cartesagents.ra.idempotency;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.database.Batches;
import fr.cartesagents.ra.database.DatabaseAvailability;
import reactor.core.publisher.Mono;

/**
 * Forgets idempotency keys older than {@code cartes.idempotency.retention} (default seven days): a
 * client retries within minutes, and a stored response kept for ever is personal data kept for
 * ever. Runs every {@code cartes.idempotency.purge-interval} (default one hour) on every instance;
 * a transaction-scoped advisory lock, tried and not awaited, lets one instance at a time do it (the
 * delete is harmless twice, but there is no point in two instances scanning the table together).
 */
@Component
class IdempotencyKeyPurge implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeyPurge.class);
    /** Advisory lock key of the purge ("idemprge"). */
    private static final long PURGE_LOCK = 0x6964656d70726765L;

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Duration retention;
    private final Duration purgeInterval;
    private final DatabaseAvailability availability;

    IdempotencyKeyPurge(DatabaseClient database, TransactionalOperator transactions, IdempotencyProperties properties,
                        DatabaseAvailability availability) {
        this.availability = availability;
        this.database = database;
        this.transactions = transactions;
        this.retention = properties.retention();
        this.purgeInterval = properties.purgeInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::purge, purgeInterval, purgeInterval));
    }

    void purge() {
        Batches.runScheduled(availability, LOG, "The purge of idempotency keys", this::purgeExpired,
                "Purged {} idempotency key(s) older than " + retention);
    }

    /** Deletes the expired keys; 0 when another instance holds the purge lock. */
    Mono<Long> purgeExpired() {
        Mono<Long> deleted = database.sql("select pg_try_advisory_xact_lock(:lock) as locked").bind("lock", PURGE_LOCK)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class))).one()
                .filter(Boolean::booleanValue)
                .flatMap(locked -> database.sql("delete from idempotency_key where created_at < now() - make_interval(secs => :seconds)")
                        .bind("seconds", (double) retention.toSeconds())
                        .fetch().rowsUpdated());
        return transactions.transactional(deleted).defaultIfEmpty(0L);
    }
}
