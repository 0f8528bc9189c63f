package fr.cartesagents.ra.renewal;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.database.DatabaseAvailability;

/**
 * Runs the expiry reminders every {@code cartes.renewal.reminder-check} (1 hour by default) on every
 * instance; {@link ExpiryReminders} makes each reminder happen once across the cluster.
 */
@Component
class ExpiryReminderSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiryReminderSchedule.class);

    private final ExpiryReminders reminders;
    private final Clock clock;
    private final DatabaseAvailability availability;

    ExpiryReminderSchedule(ExpiryReminders reminders, Clock clock, DatabaseAvailability availability) {
        this.reminders = reminders;
        this.clock = clock;
        this.availability = availability;
    }

    @Scheduled(initialDelayString = "${cartes.renewal.reminder-first-check:PT2M}",
            fixedDelayString = "${cartes.renewal.reminder-check:PT1H}")
    void sendDue() {
        availability.runScheduled(LOG, "Expiry reminders", () -> {
            Long sent = reminders.sendDue(clock.instant()).block(Duration.ofMinutes(5));
            if (sent != null && sent > 0) {
                LOG.info("{} expiry reminder(s) sent", sent);
            }
        });
    }
}
