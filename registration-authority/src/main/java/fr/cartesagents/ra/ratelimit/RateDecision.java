package fr.cartesagents.ra.ratelimit;

import java.time.Duration;
import java.util.Map;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import reactor.core.publisher.Mono;

/** Whether one attempt may go on; when not, how long until the window of its bucket ends. */
public record RateDecision(boolean allowed, Duration retryAfter) {

    static final RateDecision ALLOWED = new RateDecision(true, Duration.ZERO);

    /** Completes when allowed; else the 429 problem, with a Retry-After header. */
    public Mono<Void> orRefuse() {
        if (allowed) {
            return Mono.empty();
        }
        long seconds = Math.max(1, retryAfter.toSeconds());
        return Mono.error(ProblemException.localized(
                ProblemType.TOO_MANY_ATTEMPTS,
                Map.of("retryAfterSeconds", seconds), "rate.limited", Long.toString(seconds)));
    }

    /** The stricter of two decisions: refused if either is, with the longer wait. */
    public RateDecision and(RateDecision other) {
        if (allowed && other.allowed) {
            return ALLOWED;
        }
        Duration wait = retryAfter.compareTo(other.retryAfter) >= 0 ? retryAfter : other.retryAfter;
        return new RateDecision(false, wait);
    }
}
