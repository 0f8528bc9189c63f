package fr.cartesagents.ra.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code attempts} per {@code window} for one bucket kind ({@code name}), e.g. 5 revocation
 * codes per holder per 15 minutes.
 */
public record RateLimit(String name, int attempts, Duration window) {

    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        if (attempts < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("A rate limit allows at least one attempt in a positive window");
        }
    }

    /** The bucket of this limit for one subject (a holder id, an address). */
    String bucket(String subject) {
        return name + ":" + subject;
    }
}
