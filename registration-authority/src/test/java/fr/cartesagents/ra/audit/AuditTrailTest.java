package fr.cartesagents.ra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.testsupport.RunningServer;
import reactor.core.publisher.Mono;

class AuditTrailTest extends RunningServer {

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    AuditChainer chainer;

    @Test
    void whenEventsAreAppended_thenTheyAreReadableAtOnceAndOnceChainedEachOneChainsToThePrevious() {
        AuditEvent first = transactions.transactional(audit.append(new AuditEntry("test", "test.first", "test:1", Map.of("k", "v"))))
                .block();
        AuditEvent second = transactions.transactional(audit.append(new AuditEntry("test", "test.second", "test:1", Map.of())))
                .block();
        assertThat(first.chained()).as("appended without a lock nor a hash").isFalse();
        assertThat(audit.events(Optional.of("test:1")).map(event -> event.entry().action()).collectList().block())
                .containsExactly("test.first", "test.second");

        chainer.chainNow().block();

        AuditEvent firstChained = stored(first.id());
        AuditEvent secondChained = stored(second.id());
        assertThat(secondChained.chainPosition()).isEqualTo(firstChained.chainPosition() + 1);
        assertThat(secondChained.previousHash()).isEqualTo(firstChained.hash());
        assertThat(secondChained.hash()).isEqualTo(AuditHash.chain(firstChained.hash(), second.occurredAt(), second.entry()));
        assertThat(audit.firstBrokenLink().block()).isEmpty();
    }

    @Test
    void whenAStoredEventIsAltered_thenVerificationPointsAtIt() {
        AuditEvent event = transactions.transactional(audit.append(new AuditEntry("test", "test.altered", "test:2",
                Map.of("reason", "keyCompromise")))).block();
        chainer.chainNow().block();
        database.sql("update audit_event set details = '{\"reason\": \"superseded\"}'::jsonb where id = :id")
                .bind("id", event.id()).fetch().rowsUpdated().block();
        try {
            assertThat(audit.firstBrokenLink().block()).contains(event.id());
        } finally {
            database.sql("update audit_event set details = '{\"reason\": \"keyCompromise\"}'::jsonb where id = :id")
                    .bind("id", event.id()).fetch().rowsUpdated().block();
        }
        assertThat(audit.firstBrokenLink().block()).isEmpty();
    }

    @Test
    void whenAppendedOutsideATransaction_thenRefusedAndNothingIsWritten() {
        long before = count("audit_event");
        assertThatThrownBy(() -> audit.append(new AuditEntry("test", "test.loose", "test:3", Map.of())).block())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
        assertThat(count("audit_event")).isEqualTo(before);
    }

    @Test
    void whenTheChangeRollsBack_thenItsAuditEventRollsBackWithIt() {
        long before = count("audit_event");
        assertThatThrownBy(() -> transactions.transactional(audit.append(new AuditEntry("test", "test.rolledback", "test:4", Map.of()))
                .then(Mono.error(new IllegalStateException("the change failed")))).block())
                .hasMessageContaining("the change failed");
        assertThat(count("audit_event")).isEqualTo(before);
        assertThat(audit.events(Optional.of("test:4")).collectList().block()).isEmpty();
        chainer.chainNow().block();
        assertThat(audit.chainedEvents().filter(event -> event.entry().target().equals("test:4")).collectList().block()).isEmpty();
        assertThat(audit.firstBrokenLink().block()).isEmpty();
    }

    private AuditEvent stored(long id) {
        return audit.chainedEvents().filter(event -> event.id() == id).single().block();
    }
}
