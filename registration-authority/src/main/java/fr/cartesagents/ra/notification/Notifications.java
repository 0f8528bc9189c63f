package fr.cartesagents.ra.notification;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import fr.cartesagents.ra.directory.PersonQueries;
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
    private final PersonQueries people;
    private final Clock clock;

    Notifications(Outbox outbox, OutboxSender sender, PersonQueries people, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.people = people;
        this.clock = clock;
    }

    /** To one address. */
    public Mono<Void> enqueue(String address, Notification notification) {
        return outbox.add(address, notification, clock.instant()).then(sendAfterCommit());
    }

    /** To a person of the directory, at their registered address (none: nothing). */
    public Mono<Void> enqueueToPerson(UUID personId, Notification notification) {
        return people.record(personId)
                .flatMap(person -> Mono.justOrEmpty(person.email()))
                .flatMap(address -> enqueue(address, notification));
    }

    /** To the mayor and the delegates of {@code collectivityId} in office today (the "responsables cartes"). */
    public Mono<Void> enqueueToCardManagers(UUID collectivityId, Notification notification) {
        return people.cardManagerEmails(collectivityId, LocalDate.now(clock.withZone(FrenchDates.FRANCE)))
                .concatMap(address -> enqueue(address, notification))
                .then();
    }

    /** A person as a French letter names them: "Élise LEFÈVRE" (given names as written, the name in capitals). */
    public Mono<String> displayName(UUID personId) {
        return people.record(personId).map(PersonQueries.PersonRecord::displayName);
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
