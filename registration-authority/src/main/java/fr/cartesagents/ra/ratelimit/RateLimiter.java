package fr.cartesagents.ra.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Counts attempts in the database, so that every instance of a cluster shares the count and a
 * restart forgets nothing. Each {@link #hit} counts the attempt (refused ones too: hammering a
 * bucket keeps it closed) in one atomic statement and says whether it is within the limit. It
 * commits with the caller's transaction, or at once outside one: call it before the attempt's
 * own transaction so that a failed attempt still counts.
 */
@Component
public class RateLimiter {

    private final DatabaseClient database;
    private final Clock clock;

    public RateLimiter(DatabaseClient database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Mono<RateDecision> hit(RateLimit limit, String subject) {
        Instant now = clock.instant();
        return database.sql("insert into rate_limit (bucket, window_start, hits) values (:bucket, :now, 1)"
                        + " on conflict (bucket) do update set"
                        + " hits = case when rate_limit.window_start <= :expired then 1 else rate_limit.hits + 1 end,"
                        + " window_start = case when rate_limit.window_start <= :expired then :now else rate_limit.window_start end"
                        + " returning hits, window_start")
                .bind("bucket", limit.bucket(subject))
                .bind("now", utc(now))
                .bind("expired", utc(now.minus(limit.window())))
                .map(row -> decide(limit, row.get("hits", Integer.class), row.get("window_start", OffsetDateTime.class).toInstant(), now))
                .one();
    }

    static RateDecision decide(RateLimit limit, int hits, Instant windowStart, Instant now) {
        if (hits <= limit.attempts()) {
            return RateDecision.ALLOWED;
        }
        Duration left = Duration.between(now, windowStart.plus(limit.window()));
        return new RateDecision(false, left.isNegative() ? Duration.ZERO : left);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
