package fr.cartesagents.ra.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cartes.database.*}: how long the server waits for PostgreSQL before it gives up, so that a
 * frozen or dead database makes requests fail fast instead of hanging.
 *
 * @param connectTimeout   opening a connection, TCP and PostgreSQL start-up together (default 5 s)
 * @param acquireTimeout   waiting for a free connection of the pool (default 5 s)
 * @param statementTimeout PostgreSQL's own {@code statement_timeout} for every statement (default 30 s)
 * @param poolSize         connections of the pool at most (default 20)
 * @param probeInterval    how often the availability probe runs {@code select 1} (default 1 s)
 * @param probeTimeout     a probe without an answer after this long fails; two failed probes in a row make an outage (default 2 s)
 * @param retryAfter       the {@code Retry-After} given to API callers during an outage (default 5 s)
 */
@ConfigurationProperties("cartes.database")
public record DatabaseSettings(@DefaultValue("PT5S") Duration connectTimeout,
                               @DefaultValue("PT5S") Duration acquireTimeout,
                               @DefaultValue("PT30S") Duration statementTimeout,
                               @DefaultValue("20") int poolSize,
                               @DefaultValue("PT1S") Duration probeInterval,
                               @DefaultValue("PT2S") Duration probeTimeout,
                               @DefaultValue("PT5S") Duration retryAfter) {

    public DatabaseSettings {
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("acquire-timeout", acquireTimeout);
        requirePositive("statement-timeout", statementTimeout);
        requirePositive("probe-interval", probeInterval);
        requirePositive("probe-timeout", probeTimeout);
        requirePositive("retry-after", retryAfter);
        if (poolSize < 1) {
            throw new IllegalArgumentException("cartes.database.pool-size must be at least 1, not " + poolSize);
        }
    }

    /** Defaults, for code that runs without Spring (tests, commands). */
    public static DatabaseSettings defaults() {
        return new DatabaseSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), 20,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("cartes.database." + name + " must be a positive duration, not " + value);
        }
    }
}
