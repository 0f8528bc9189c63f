package fr.cartesagents.ra.notification;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import reactor.core.publisher.Mono;

/**
 * The one way to send an e-mail: {@code enqueue} writes it to the outbox in the caller's
 * transaction, so that it leaves only if the change it announces commits, and asks the sender to
 * send it as soon as that transaction has committed. People without a registered address are
 * skipped (their mayor and delegates see the change in the portal).
 */
@Component
public class Notifications {

    private final Outbox outbox;
    private final OutboxSender sender;
    private final DatabaseClient database;
    private final Clock clock;

    Notifications(Outbox outbox, OutboxSender sender, DatabaseClient database, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.database = database;
        this.clock = clock;
    }

    /** To one address. */
    public Mono<Void> enqueue(String address, Notification notification) {
        return outbox.add(address, notification, clock.instant()).then(sendAfterCommit());
    }

    /** To a person of the directory, at their registered address (none: nothing). */
    public Mono<Void> enqueueToPerson(UUID personId, Notification notification) {
        return database.sql("select email from person where id = :id and email is not null and email <> ''")
                .bind("id", personId)
                .map(row -> row.get("email", String.class))
                .all()
                .concatMap(address -> enqueue(address, notification))
                .then();
    }

    /** To the mayor and the delegates of {@code collectivityId} in office today (the "responsables cartes"). */
    public Mono<Void> enqueueToCardManagers(UUID collectivityId, Notification notification) {
        LocalDate today = LocalDate.now(clock.withZone(FrenchDates.FRANCE));
        return database.sql("select distinct p.email from role_assignment r join person p on p.id = r.person_id"
                        + " where r.collectivity_id = :collectivity and r.role in ('mayor', 'delegate')"
                        + " and r.starts_on <= :today and (r.ends_on is null or r.ends_on >= :today)"
                        + " and p.status = 'active' and p.email is not null and p.email <> '' order by p.email")
                .bind("collectivity", collectivityId)
                .bind("today", today)
                .map(row -> row.get("email", String.class))
                .all()
                .concatMap(address -> enqueue(address, notification))
                .then();
    }

    /** A person as a French letter names them: "Élise LEFÈVRE" (given names as written, the name in capitals). */
    public Mono<String> displayName(UUID personId) {
        return database.sql("select given_names, coalesce(usual_name, birth_name) as name from person where id = :id")
                .bind("id", personId)
                .map(row -> row.get("given_names", String.class) + " "
                        + row.get("name", String.class).toUpperCase(java.util.Locale.FRENCH))
                .one();
    }

    private Mono<Void> sendAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isSynchronizationActive)
                .doOnNext(transaction -> transaction.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(sender::wakeUp);
                    }
                }))
                .switchIfEmpty(Mono.fromRunnable(sender::wakeUp))
                .onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(sender::wakeUp))
                .then();
    }
}
