package fr.cartesagents.ra.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether PostgreSQL answers, as seen by a probe that runs {@code select 1} on a connection of its own
 * (outside the pool, so that a busy pool never looks like an outage) every probe interval. The rest of
 * the server reads {@link #isUp()} instead of finding out by waiting: API calls are refused at once
 * with a 503, OCSP answers {@code tryLater} for what it cannot serve from memory, scheduled jobs skip
 * their turn. The state is logged once per change (down with its cause, up with the outage's length),
 * never once per failed request.
 */
public final class DatabaseAvailability implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAvailability.class);

    /** Since when the database is unreachable, and why (the first failure's message). */
    public record Outage(Instant since, String cause) {
    }

    private final ConnectionFactory probeConnections;
    private final DatabaseSettings settings;
    private final Clock clock;
    private final AtomicReference<Optional<Outage>> outage = new AtomicReference<>(Optional.empty());
    /** A thread of its own: the shared scheduler may be busy with a long job exactly when the database freezes. */
    private volatile ScheduledExecutorService prober;
    private volatile Connection probeConnection;
    private int consecutiveFailures;
    private static final int FAILURES_FOR_OUTAGE = 2;

    public DatabaseAvailability(ConnectionFactory probeConnections, DatabaseSettings settings, Clock clock) {
        this.probeConnections = probeConnections;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "database-probe");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.probeInterval().toMillis();
        executor.scheduleWithFixedDelay(this::probe, interval, interval, TimeUnit.MILLISECONDS);
        prober = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = prober;
        prober = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        discardProbeConnection();
    }

    @Override
    public boolean isRunning() {
        return prober != null;
    }

    public boolean isUp() {
        return outage.get().isEmpty();
    }

    public Optional<Outage> outage() {
        return outage.get();
    }

    /**
     * Runs one turn of a scheduled job that needs the database. While the probe says the database is
     * down the turn is skipped (the probe has logged the outage once); a failure the database itself
     * caused is one line without a stack trace, because a stack trace per job, per turn and per node
     * is what buried the last outage in a log. Any other failure is a bug and keeps its stack trace.
     */
    public void runScheduled(Logger log, String job, Runnable turn) {
        if (!isUp()) {
            return;
        }
        try {
            turn.run();
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                log.warn("{} skipped: the database did not answer; the next run tries again", job);
            } else {
                log.error("{} failed; the next run tries again", job, e);
            }
        }
    }

    /** How long API callers are told to wait before they retry. */
    public Duration retryAfter() {
        return settings.retryAfter();
    }

    /**
     * One probe: blocks at most the probe timeout; records the state and logs a change. The probe keeps
     * one connection open between probes (a single round trip each time, cheap even on a loaded
     * machine) and opens a new one after a failure. Two failures in a row make an outage, so that one
     * slow answer (a pause of this JVM, a busy machine) does not turn the API away.
     */
    public void probe() {
        try {
            Connection connection = probeConnection;
            if (connection == null) {
                connection = Mono.from(probeConnections.create()).timeout(settings.probeTimeout())
                        .block(settings.probeTimeout().plusSeconds(1));
                probeConnection = connection;
            }
            selectOne(connection).timeout(settings.probeTimeout()).block(settings.probeTimeout().plusSeconds(1));
            consecutiveFailures = 0;
            markUp();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || causedByInterruption(e)) {
                return; // stopping, not an outage
            }
            discardProbeConnection();
            if (++consecutiveFailures >= FAILURES_FOR_OUTAGE) {
                markDown(describe(e));
            }
        }
    }

    private void discardProbeConnection() {
        Connection connection = probeConnection;
        probeConnection = null;
        if (connection != null) {
            Mono.from(connection.close()).subscribe(null, error -> { });
        }
    }

    private static boolean causedByInterruption(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private static Mono<Long> selectOne(Connection connection) {
        return Flux.from(connection.createStatement("select 1").execute())
                .flatMap(result -> result.map((row, metadata) -> 1L))
                .count();
    }

    void markUp() {
        Optional<Outage> ended = outage.getAndSet(Optional.empty());
        ended.ifPresent(previous -> LOG.warn("Database reachable again after {} s of outage",
                Duration.between(previous.since(), clock.instant()).toSeconds()));
    }

    void markDown(String cause) {
        Optional<Outage> started = Optional.of(new Outage(clock.instant(), cause));
        if (outage.compareAndSet(Optional.empty(), started)) {
            LOG.error("Database unreachable ({}): API calls answer 503 and OCSP/CRL are served from memory until it answers again",
                    cause);
        }
    }

    private String describe(Throwable error) {
        if (error instanceof IllegalStateException && error.getCause() instanceof java.util.concurrent.TimeoutException
                || error instanceof java.util.concurrent.TimeoutException
                || error.getCause() instanceof java.util.concurrent.TimeoutException) {
            return "no answer to the probe within " + settings.probeTimeout().toMillis() + " ms";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
