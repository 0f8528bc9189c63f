package fr.cartesagents.ra.audit.checkpoint;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the audit trail is sealed ({@link AuditCheckpointSchedule}): at start-up, every
 * {@code checkpoint-interval}, and as soon as {@code checkpoint-every-events} events wait, which is
 * looked at every {@code checkpoint-poll}.
 */
@ConfigurationProperties("cartes.audit")
record AuditCheckpointProperties(@DefaultValue("PT5M") Duration checkpointInterval, @DefaultValue("500") long checkpointEveryEvents,
                                 @DefaultValue("PT10S") Duration checkpointPoll) {

    AuditCheckpointProperties {
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("cartes.audit.checkpoint-interval must be positive, not " + checkpointInterval);
        }
        if (checkpointPoll.isNegative() || checkpointPoll.isZero()) {
            throw new IllegalArgumentException("cartes.audit.checkpoint-poll must be positive, not " + checkpointPoll);
        }
        if (checkpointEveryEvents < 1) {
            throw new IllegalArgumentException("cartes.audit.checkpoint-every-events must be at least 1, not " + checkpointEveryEvents);
        }
    }
}
