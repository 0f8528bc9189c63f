package fr.cartesagents.ra.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.Mailbox;
import fr.cartesagents.ra.testsupport.MailingServer;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import jakarta.mail.internet.MimeMessage;
import reactor.core.publisher.Mono;

/** The outbox against a real SMTP server (GreenMail) and the real database. */
class NotificationOutboxTest extends MailingServer {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void whenTheTransactionCommits_thenTheMessageIsSentInFrench_andItsSecretIsWipedFromTheOutbox() {
        String address = "titulaire-" + UUID.randomUUID() + "@mairie.test";
        transactions.transactional(notifications.enqueue(address,
                new UnblockCode("Élise Lefèvre", "SIM-0042", "73914268", Instant.parse("2026-12-07T16:30:00Z")))).block();

        MimeMessage message = Mailbox.awaitTo(address, 1, WAIT).get(0);
        assertThat(Mailbox.subject(message)).isEqualTo("Votre code de déblocage de carte");
        assertThat(Mailbox.body(message)).contains("Bonjour Élise Lefèvre,", "carte n° SIM-0042", "73914268",
                "avant le 7 décembre 2026 à 17 h 30");
        awaitSentRow(address);
        assertThat(database.sql("select secret_model is null as wiped, model::text as model from notification_outbox"
                        + " where recipient = :r").bind("r", address)
                .map(row -> row.get("wiped", Boolean.class) + " " + row.get("model", String.class)).one().block())
                .startsWith("true").doesNotContain("73914268");
    }

    @Test
    void whenTheTransactionRollsBack_thenNothingIsWrittenNorSent() {
        String address = "rollback-" + UUID.randomUUID() + "@mairie.test";
        assertThatThrownBy(() -> transactions.transactional(notifications.enqueue(address,
                        new RevocationConfirmed("Jean Dupont", "SIM-1", "perte", Instant.now()))
                .then(Mono.error(new IllegalStateException("the change failed")))).block())
                .hasMessageContaining("the change failed");

        assertThat(database.sql("select count(*) as n from notification_outbox where recipient = :r").bind("r", address)
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
        // Another message sent after it arrives, the rolled-back one never does.
        String witness = "witness-" + UUID.randomUUID() + "@mairie.test";
        transactions.transactional(notifications.enqueue(witness,
                new RevocationConfirmed("Jean Dupont", "SIM-1", "perte", Instant.now()))).block();
        Mailbox.awaitTo(witness, 1, WAIT);
        assertThat(Mailbox.to(address)).isEmpty();
    }

    @Test
    void theCardManagersAreTheMayorAndTheDelegatesInOffice_notTheAgents() {
        TestDirectory directory = directory();
        UUID commune = directory.commune("Moissac (notifications)", directory.office("Préfecture (notifications)"));
        TestPerson mayor = directory.person("Anne", "Maire");
        directory.assign(mayor, Role.MAYOR, commune);
        TestPerson delegate = directory.person("Bruno", "Délégué");
        directory.assign(delegate, Role.DELEGATE, commune);
        TestPerson agent = directory.person("Chloé", "Agent");
        directory.assign(agent, Role.AGENT, commune);

        transactions.transactional(notifications.enqueueToCardManagers(commune,
                new CardReadyForHandOver(UUID.randomUUID(), "Chloé AGENT", "Moissac", "Préfecture de Tarn-et-Garonne"))).block();

        List<MimeMessage> toMayor = Mailbox.awaitTo(email(mayor), 1, WAIT);
        Mailbox.awaitTo(email(delegate), 1, WAIT);
        assertThat(Mailbox.subject(toMayor.get(0))).isEqualTo("Carte prête à être remise : Chloé AGENT");
        assertThat(Mailbox.body(toMayor.get(0))).contains("remise en face à face par Préfecture de Tarn-et-Garonne");
        assertThat(Mailbox.to(email(agent))).isEmpty();
    }

    @Test
    void everyKindRendersWithItsValues() {
        String address = "kinds-" + UUID.randomUUID() + "@mairie.test";
        transactions.transactional(notifications.enqueue(address, new OrderCreated(UUID.randomUUID(), "Chloé AGENT", "Moissac",
                        "première carte"))
                .then(notifications.enqueue(address, new RevocationDeclared("Chloé AGENT", "SIM-7", "vol",
                        Instant.parse("2026-03-01T08:00:00Z"), "la titulaire, avec son code de révocation")))
                .then(notifications.enqueue(address, new RevocationLink("Chloé AGENT",
                        java.net.URI.create("https://portail.test/revocation#jeton=abc"), Instant.parse("2026-03-01T08:30:00Z"))))
                .then(notifications.enqueue(address, new ExpiryReminder("Chloé AGENT", "SIM-7", "les certificats de votre carte",
                        LocalDate.of(2027, 3, 1), 90, "Renouvelez-les depuis le portail, la carte dans le lecteur.")))).block();

        List<String> subjects = Mailbox.awaitTo(address, 4, WAIT).stream().map(Mailbox::subject).sorted().toList();
        assertThat(subjects).containsExactly("Carte révoquée : Chloé AGENT (vol)", "Commande de carte enregistrée pour Chloé AGENT",
                "Déclaration de perte ou de vol de votre carte", "Échéance dans 90 jours : les certificats de votre carte");
    }

    @Test
    void theBackOffGrowsAndIsCapped() {
        assertThat(OutboxSender.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OutboxSender.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(OutboxSender.backoff(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(OutboxSender.backoff(30)).isEqualTo(Duration.ofHours(1));
    }

    private void awaitSentRow(String address) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Boolean.TRUE.equals(database.sql("select bool_and(sent_at is not null) as sent from notification_outbox"
                + " where recipient = :r").bind("r", address).map(row -> row.get("sent", Boolean.class)).one().block())) {
            assertThat(System.nanoTime()).as("sent mark of the outbox row").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static String email(TestPerson person) {
        return person.holderId().toLowerCase() + "@mairie.test";
    }
}
