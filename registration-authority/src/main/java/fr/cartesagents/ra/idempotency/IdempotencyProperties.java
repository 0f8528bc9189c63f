package fr.cartesagents.ra.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long idempotency keys are kept, and how often the expired ones are purged ({@link IdempotencyKeyPurge}). */
@ConfigurationProperties("cartes.idempotency")
record IdempotencyProperties(@DefaultValue("P7D") Duration retention, @DefaultValue("PT1H") Duration purgeInterval) {

    IdempotencyProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("cartes.idempotency.retention must be positive, not " + retention);
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("cartes.idempotency.purge-interval must be positive, not " + purgeInterval);
        }
    }
}
