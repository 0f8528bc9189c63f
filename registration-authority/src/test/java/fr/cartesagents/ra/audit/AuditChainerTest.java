package fr.cartesagents.ra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.database.DatabaseAvailability;
import fr.cartesagents.ra.testsupport.RunningServer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The chain built after commit against the real database: events of a rolled back transaction never
 * enter it; two chainers (two instances of the cluster) working at once over concurrent appends
 * give one unbroken chain where each event has one place; an event committed late with a lower id
 * takes a later place; and events committed by an instance that stopped before chaining them (or by
 * a command-line tool, which has no chainer) are chained by the instances still running.
 */
class AuditChainerTest extends RunningServer {

    @Autowired
    AuditTrail audit;

    @Autowired
    AuditChainer chainer;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    DatabaseAvailability availability;

    @Autowired
    Clock clock;

    @Test
    void whenTheChangeRollsBack_thenItsEventNeverEntersTheChain() {
        assertThatThrownBy(() -> transactions.transactional(append("chainer:rolled-back")
                .then(Mono.error(new IllegalStateException("the change failed")))).block()).hasMessageContaining("the change failed");
        AuditEvent kept = transactions.transactional(append("chainer:kept")).block();

        chainer.chainNow().block();

        assertThat(audit.chainedEvents().map(event -> event.entry().target()).collectList().block())
                .contains("chainer:kept").doesNotContain("chainer:rolled-back");
        assertThat(stored(kept.id()).chained()).isTrue();
        assertThat(audit.firstBrokenLink().block()).isEmpty();
        assertThatChainIsContiguous();
    }

    @Test
    void whenTwoInstancesChainConcurrentAppends_thenOneUnbrokenChainHoldsEachEventOnce() {
        AuditChainer otherInstance = new AuditChainer(database, transactions, availability, new AuditChainProperties(Duration.ofHours(1), 7));
        int appends = 120;

        List<Long> ids = Flux.range(0, appends)
                .flatMap(i -> transactions.transactional(append("chainer:concurrent-" + i)).map(AuditEvent::id)
                        .subscribeOn(Schedulers.parallel())
                        // both instances chain while the others still append
                        .doOnNext(id -> (id % 2 == 0 ? chainer : otherInstance).signal()), 16)
                .mergeWith(Flux.range(0, 10).flatMap(i -> (i % 2 == 0 ? chainer : otherInstance).chainNow()
                        .subscribeOn(Schedulers.parallel())).thenMany(Flux.<Long>empty()))
                .collectList().block();
        Mono.zip(chainer.chainNow().subscribeOn(Schedulers.parallel()), otherInstance.chainNow().subscribeOn(Schedulers.parallel())).block();

        assertThat(ids).hasSize(appends).doesNotHaveDuplicates();
        List<AuditEvent> chained = audit.chainedEvents().collectList().block();
        assertThat(chained.stream().map(AuditEvent::id).toList()).containsAll(ids).doesNotHaveDuplicates();
        assertThat(audit.firstBrokenLink().block()).isEmpty();
        assertThatChainIsContiguous();
    }

    @Test
    void whenAnEventWithALowerIdCommitsLater_thenItTakesALaterPlace() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CompletableFuture<Void> commit = new CompletableFuture<>();
        CompletableFuture<AuditEvent> slow = transactions.transactional(append("chainer:slow")
                        .doOnNext(event -> appended.countDown())
                        .flatMap(event -> Mono.fromFuture(commit).thenReturn(event)))
                .subscribeOn(Schedulers.boundedElastic()).toFuture();
        assertThat(appended.await(60, TimeUnit.SECONDS)).isTrue();
        AuditEvent fast = transactions.transactional(append("chainer:fast")).block();

        chainer.chainNow().block();
        assertThat(stored(fast.id()).chained()).isTrue();
        assertThat(audit.chainedEvents().map(event -> event.entry().target()).collectList().block()).doesNotContain("chainer:slow");

        commit.complete(null);
        AuditEvent late = slow.get(60, TimeUnit.SECONDS);
        chainer.chainNow().block();

        assertThat(late.id()).isLessThan(fast.id());
        assertThat(stored(late.id()).chainPosition()).isGreaterThan(stored(fast.id()).chainPosition());
        assertThat(audit.firstBrokenLink().block()).isEmpty();
        assertThatChainIsContiguous();
    }

    @Test
    void whenEventsWereCommittedWithoutAChainerToSignal_thenTheRunningInstancesChainThem() {
        // What a command-line tool does, and what an instance that stops between its commit and its chaining leaves.
        ObjectProvider<AuditChainer> none = new StaticListableBeanFactory().getBeanProvider(AuditChainer.class);
        AuditTrail withoutChainer = new AuditTrail(database, clock, none);
        List<Long> left = IntStream.range(0, 3)
                .mapToObj(i -> transactions.transactional(withoutChainer.append(new AuditEntry("test", "test.left", "chainer:left-" + i,
                        Map.of()))).block().id())
                .toList();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!left.stream().allMatch(id -> stored(id).chained()) && Instant.now().isBefore(deadline)) {
            pause();
        }

        assertThat(left).allSatisfy(id -> assertThat(stored(id).chained()).as("event %d chained by the poll", id).isTrue());
        assertThat(audit.firstBrokenLink().block()).isEmpty();
    }

    @Test
    void whenEventsWait_thenTheHeadAndTheCountSayWhereTheChainStands() {
        chainer.chainNow().block();
        AuditChainHead head = chainer.head().block();
        AuditEvent last = audit.chainedEvents().last().block();
        assertThat(head.position()).isEqualTo(last.chainPosition());
        assertThat(head.eventId()).contains(last.id());
        assertThat(head.hash()).isEqualTo(last.hash());
    }

    private Mono<AuditEvent> append(String target) {
        return audit.append(new AuditEntry("test", "test.chained", target, Map.of("k", "v")));
    }

    private AuditEvent stored(long id) {
        return audit.events(Optional.empty()).filter(event -> event.id() == id).single().block();
    }

    /** Positions 1, 2, 3... without a gap nor a repeat (a unique constraint forbids repeats; a gap would be a lost place). */
    private void assertThatChainIsContiguous() {
        List<Long> positions = audit.chainedEvents().map(AuditEvent::chainPosition).collectList().block();
        assertThat(positions).isEqualTo(IntStream.rangeClosed(1, positions.size()).mapToObj(Long::valueOf).toList());
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
