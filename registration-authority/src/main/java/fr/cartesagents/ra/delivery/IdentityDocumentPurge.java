package fr.cartesagents.ra.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.card.CardEvent;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.database.Batches;
import fr.cartesagents.ra.database.DatabaseAvailability;
import reactor.core.publisher.Mono;

/**
 * Deletes the identity documents kept from the hand-overs once their retention has ended (issue 11;
 * the terms of use, art. 8: kept seven years after the last certificate expires, then destroyed): the
 * sealed details (number, MRZ) and the sealed copy of each hand-over whose {@code retain_until} is
 * before today (in France) are set to null, with an {@code card.identity-document-deleted} audit event
 * (actor {@value AuditEntry#SYSTEM}; the document's kind and retention date, never its content). The hand-over
 * itself (kind, terms accepted, signed receipt) stays: it proves the card was handed over. Runs every
 * {@code cartes.delivery.document-purge-interval} on every instance; each batch is one transaction
 * whose update claims its rows with {@code skip locked}, so each document is deleted, and audited, once.
 */
@Component
class IdentityDocumentPurge implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityDocumentPurge.class);
    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final DeliveryRepository repository;
    private final CardQueries cards;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final DatabaseAvailability availability;
    private final Clock clock;
    private final DeliveryProperties properties;

    IdentityDocumentPurge(DeliveryRepository repository, CardQueries cards, AuditTrail audit, TransactionalOperator transactions,
                          DatabaseAvailability availability, Clock clock, DeliveryProperties properties) {
        this.repository = repository;
        this.cards = cards;
        this.audit = audit;
        this.transactions = transactions;
        this.availability = availability;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::purgeOnSchedule, properties.documentPurgeInterval(),
                properties.documentPurgeInterval()));
    }

    void purgeOnSchedule() {
        Batches.runScheduled(availability, LOG, "The purge of identity documents", this::purgeDue,
                "Deleted the identity documents of {} hand-over(s) at the end of their retention");
    }

    /** Deletes every document due now, batch after batch (each its own transaction); how many this instance deleted. */
    Mono<Long> purgeDue() {
        return Batches.untilShort(properties.documentPurgeBatch(), this::batch);
    }

    private Mono<Long> batch() {
        return transactions.transactional(Mono.defer(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            // All the rows are read before the audit appends start: one statement at a time on the connection.
            return repository.deleteDocumentsRetainedBefore(LocalDate.ofInstant(now, FRANCE), now, properties.documentPurgeBatch())
                    .collectList()
                    .flatMapIterable(deleted -> deleted)
                    .concatMap(deleted -> cards.find(deleted.cardId())
                            .flatMap(card -> audit.append(AuditEntry.bySystem(AuditEntry.SYSTEM, Optional.of(card.collectivityId()),
                                    DeliveryEvent.IDENTITY_DOCUMENT_DELETED, CardEvent.target(card.id()),
                                    Map.of("documentKind", deleted.documentKind(),
                                            "retainedUntil", deleted.retainedUntil().toString())))))
                    .count();
        }));
    }
}
