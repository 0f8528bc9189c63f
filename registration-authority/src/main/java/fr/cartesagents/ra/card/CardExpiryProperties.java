package fr.cartesagents.ra.card;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cartes.card-expiry.*}: how often every instance looks for cards whose six years have ended
 * ({@link CardExpiry}), and how many cards one transaction expires at most (the rest wait for the
 * next batch of the same run, so that a backlog never holds thousands of row locks at once).
 *
 * @param interval how often the job runs (and how long after the start-up it first runs); 1 hour
 * @param batch    the cards expired per transaction; 200
 */
@ConfigurationProperties("cartes.card-expiry")
record CardExpiryProperties(@DefaultValue("PT1H") Duration interval, @DefaultValue("200") int batch) {

    CardExpiryProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("cartes.card-expiry.interval must be positive, not " + interval);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("cartes.card-expiry.batch must be at least 1, not " + batch);
        }
    }
}
