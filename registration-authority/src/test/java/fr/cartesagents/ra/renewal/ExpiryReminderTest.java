package fr.cartesagents.ra.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import fr.cartesagents.ra.testsupport.Mailbox;
import fr.cartesagents.ra.testsupport.TestCards.TestCard;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;

/**
 * The 90- and 30-day reminders, with time given to the job instead of waited for: each is sent
 * once, even when two instances run the job at the same moment.
 */
class ExpiryReminderTest extends CardLifecycleServer {

    private static final Duration MAIL = Duration.ofSeconds(20);

    @Autowired
    ExpiryReminders reminders;

    private TestPerson agent;
    private TestCard card;
    private Instant now;

    @BeforeEach
    void world() {
        freshCommune("Échéances-" + newKey().substring(0, 6));
        agent = agent("Échéance");
        card = personalizedCardOf(agent);
        Actor office = new Actor("test-hand-over", Optional.empty(), Set.of(), "test", Optional.empty());
        transactions.transactional(cardTransitions.move(office, card.id(), CardAction.DELIVER, Optional.empty(), Map.of())).block();
        // This card's authentication certificate ends in 80 days and an hour: as if issued almost 3 years ago.
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        database.sql("update certificate set not_after = :end where serial = :serial")
                .bind("end", OffsetDateTime.ofInstant(now.plus(Duration.ofDays(80)).plus(Duration.ofHours(1)), ZoneOffset.UTC))
                .bind("serial", card.authenticationSerial()).then().block();
    }

    @Test
    void theNinetyDayReminderIsSentOnce_thenTheThirtyDayOne() {
        reminders.sendDue(now).block();
        reminders.sendDue(now.plus(Duration.ofHours(1))).block();

        List<String> subjects = Mailbox.awaitTo(email(agent), 1, MAIL).stream().map(Mailbox::subject).toList();
        assertThat(subjects).containsExactly("Échéance dans 80 jours : les certificats de votre carte");
        assertThat(Mailbox.body(Mailbox.to(email(agent)).get(0))).contains("carte n° " + card.cardSerial(),
                "sans nouvelle remise en face à face");

        reminders.sendDue(now.plus(Duration.ofDays(55))).block();
        reminders.sendDue(now.plus(Duration.ofDays(56))).block();
        assertThat(Mailbox.awaitTo(email(agent), 2, MAIL).stream().map(Mailbox::subject).toList())
                .containsExactly("Échéance dans 80 jours : les certificats de votre carte",
                        "Échéance dans 25 jours : les certificats de votre carte");
        assertThat(thresholdsSent()).containsExactly(30, 90);
    }

    @Test
    void twoInstancesRunningTheJobTogetherSendEachReminderOnce() {
        Instant late = now.plus(Duration.ofDays(60));  // 20 days left: only the 30-day reminder is due
        CompletableFuture<Long> first = reminders.sendDue(late).toFuture();
        CompletableFuture<Long> second = reminders.sendDue(late).toFuture();
        first.join();
        second.join();

        Mailbox.awaitTo(email(agent), 1, MAIL);
        assertThat(thresholdsSent()).containsExactly(30);
        assertThat(database.sql("select count(*) as n from notification_outbox where recipient = :r").bind("r", email(agent))
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);
    }

    private List<Integer> thresholdsSent() {
        return database.sql("select threshold_days from expiry_reminder where card_id = :c order by threshold_days")
                .bind("c", card.id()).map(row -> row.get("threshold_days", Integer.class)).all().collectList().block();
    }
}
