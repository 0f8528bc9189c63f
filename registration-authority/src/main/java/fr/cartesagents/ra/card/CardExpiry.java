package fr.cartesagents.ra.card;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.database.Batches;
import fr.cartesagents.ra.database.DatabaseAvailability;
import reactor.core.publisher.Mono;

/**
 * Ends the cards whose six years are over (Art. V, issue 11): personalized, delivered or active cards
 * whose {@code expires_at} has passed become {@code expired}, each with its {@code card.expire} audit
 * event (actor {@value AuditEntry#SYSTEM}). Runs every {@code cartes.card-expiry.interval} on every instance;
 * each batch is one transaction whose update claims its rows with {@code skip locked}
 * ({@link CardTransitions#expireDue}), so two instances at once expire each card once.
 */
@Component
class CardExpiry implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(CardExpiry.class);

    private final CardTransitions transitions;
    private final TransactionalOperator transactions;
    private final DatabaseAvailability availability;
    private final Clock clock;
    private final CardExpiryProperties properties;

    CardExpiry(CardTransitions transitions, TransactionalOperator transactions, DatabaseAvailability availability, Clock clock,
               CardExpiryProperties properties) {
        this.transitions = transitions;
        this.transactions = transactions;
        this.availability = availability;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::expireOnSchedule, properties.interval(), properties.interval()));
    }

    void expireOnSchedule() {
        Batches.runScheduled(availability, LOG, "The card expiry", this::expireDue, "{} card(s) expired (six years after personalization)");
    }

    /** Expires every card due now, batch after batch (each its own transaction); how many this instance expired. */
    Mono<Long> expireDue() {
        return Batches.untilShort(properties.batch(), () -> transactions.transactional(
                Mono.defer(() -> transitions.expireDue(AuditEntry.SYSTEM, clock.instant(), properties.batch()))));
    }
}
