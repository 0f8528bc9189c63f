package fr.cartesagents.ra.audit.checkpoint;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.database.DatabaseAvailability;

/**
 * Seals the audit trail with a signed checkpoint: once at start-up (so that what happened before
 * this start, and the start itself, is sealed at once), then every
 * {@code cartes.audit.checkpoint-interval} (default five minutes), and sooner when
 * {@code cartes.audit.checkpoint-every-events} events (default 500) are waiting, which is looked at
 * every {@code cartes.audit.checkpoint-poll} (default ten seconds). Every instance runs it;
 * {@link AuditCheckpoints} makes sure only one of them signs each time. Between two checkpoints a
 * truncation of the newest events cannot be proven, but the verification reports how many are
 * still unsealed.
 */
@Component
class AuditCheckpointSchedule implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointSchedule.class);

    private final AuditCheckpoints checkpoints;
    private final AuditCheckpointProperties properties;
    private final DatabaseAvailability availability;

    AuditCheckpointSchedule(AuditCheckpoints checkpoints, AuditCheckpointProperties properties, DatabaseAvailability availability) {
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.availability = availability;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::checkpoint, properties.checkpointInterval(),
                properties.checkpointInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(this::whenManyEventsWait, properties.checkpointPoll(),
                properties.checkpointPoll()));
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        checkpoint();
    }

    void checkpoint() {
        availability.runScheduled(LOG, "The audit checkpoint", () -> checkpoints.checkpoint().block(Duration.ofMinutes(5))
                .ifPresent(written -> LOG.info("Audit checkpoint {} seals the trail up to event {}", written.id(), written.lastEventId())));
    }

    void whenManyEventsWait() {
        availability.runScheduled(LOG, "Counting the audit events waiting for a checkpoint", () -> {
            Long waiting = checkpoints.unsealedEvents().block(Duration.ofMinutes(1));
            if (waiting != null && waiting >= properties.checkpointEveryEvents()) {
                checkpoint();
            }
        });
    }
}
