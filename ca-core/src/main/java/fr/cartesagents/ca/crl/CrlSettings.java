package fr.cartesagents.ca.crl;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a CRL stays current. The certification policy publishes a new CRL at least every 24 hours
 * and announces nextUpdate = thisUpdate + 26 hours, so that a late publication does not leave relying
 * parties with an expired CRL.
 */
public record CrlSettings(Duration nextUpdateAfter) {

    public static final Duration DEFAULT_NEXT_UPDATE_AFTER = Duration.ofHours(26);

    public CrlSettings {
        Objects.requireNonNull(nextUpdateAfter, "nextUpdateAfter");
        if (nextUpdateAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("nextUpdateAfter must be at least one second, got " + nextUpdateAfter);
        }
    }

    public static CrlSettings defaults() {
        return new CrlSettings(DEFAULT_NEXT_UPDATE_AFTER);
    }
}
