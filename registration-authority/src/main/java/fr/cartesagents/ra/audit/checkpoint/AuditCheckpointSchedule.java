package fr.cartesagents.ra.audit.checkpoint;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes a signed checkpoint every {@code cartes.audit.checkpoint-interval} (default one hour),
 * on every instance; {@link AuditCheckpoints} makes sure only one of them signs each time.
 */
@Component
class AuditCheckpointSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointSchedule.class);

    private final AuditCheckpoints checkpoints;

    AuditCheckpointSchedule(AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Scheduled(initialDelayString = "${cartes.audit.checkpoint-interval:PT1H}", fixedDelayString = "${cartes.audit.checkpoint-interval:PT1H}")
    void checkpoint() {
        try {
            checkpoints.checkpoint().block(Duration.ofMinutes(5))
                    .ifPresent(written -> LOG.info("Audit checkpoint {} seals the trail up to event {}", written.id(), written.lastEventId()));
        } catch (RuntimeException e) {
            LOG.error("The audit checkpoint could not be written; the next run tries again", e);
        }
    }
}
