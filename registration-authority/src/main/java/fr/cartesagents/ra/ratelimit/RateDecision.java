package fr.cartesagents.ra.ratelimit;

import java.time.Duration;

/** Whether one attempt may go on; when not, how long until the window of its bucket ends. */
public record RateDecision(boolean allowed, Duration retryAfter) {

    static final RateDecision ALLOWED = new RateDecision(true, Duration.ZERO);

    /** Completes when allowed; else the 429 problem, with a Retry-After header. */
    public reactor.core.publisher.Mono<Void> orRefuse() {
        if (allowed) {
            return reactor.core.publisher.Mono.empty();
        }
        long seconds = Math.max(1, retryAfter.toSeconds());
        return reactor.core.publisher.Mono.error(fr.cartesagents.ra.problem.ProblemException.localized(
                fr.cartesagents.ra.problem.ProblemType.TOO_MANY_ATTEMPTS,
                java.util.Map.of("retryAfterSeconds", seconds), "rate.limited", seconds));
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
