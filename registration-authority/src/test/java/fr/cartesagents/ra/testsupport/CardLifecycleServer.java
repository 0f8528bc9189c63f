package fr.cartesagents.ra.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestCards.TestCard;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;

/**
 * The world of the card lifecycle tests: a commune with its registration office, mayor, delegate
 * and an agent holding a personalized card; helpers to read the card, the audit trail and the PKI.
 */
public abstract class CardLifecycleServer extends MailingServer {

    @Autowired
    protected CardTransitions cardTransitions;

    @Autowired
    protected TransactionalOperator transactions;

    @Autowired
    protected AuditTrail auditTrail;

    @TempDir
    protected Path work;

    protected UUID office;
    protected UUID commune;
    protected TestPerson mayor;
    protected TestPerson delegate;
    protected TestPerson officer;

    /** Call from a @BeforeEach: a fresh commune, so that tests never share cards or mailboxes. */
    protected void freshCommune(String name) {
        TestDirectory directory = directory();
        office = directory.office("Préfecture (" + name + ")");
        commune = directory.commune(name, office);
        mayor = directory.person("Anne", "Maire-" + name);
        directory.assign(mayor, Role.MAYOR, commune);
        delegate = directory.person("Bruno", "Délégué-" + name);
        directory.assign(delegate, Role.DELEGATE, commune);
        officer = directory.person("Odile", "Officière-" + name);
        directory.assign(officer, Role.REGISTRATION_OFFICER, office);
    }

    /** An active CARTES convention for the commune: without one, nothing can be ordered for it. */
    protected void activeCartesConvention() {
        UUID convention = UUID.randomUUID();
        database.sql("insert into convention (id, kind, state, signed_on, activated_on) values (:id, 'cartes', 'active', :day, :day)")
                .bind("id", convention).bind("day", java.time.LocalDate.now()).then().block();
        database.sql("insert into convention_party (convention_id, collectivity_id) values (:id, :c)")
                .bind("id", convention).bind("c", commune).then().block();
    }

    protected TestPerson agent(String birthName) {
        TestPerson agent = directory().person("Chloé", birthName);
        directory().assign(agent, Role.AGENT, commune);
        return agent;
    }

    protected TestCard personalizedCardOf(TestPerson holder) {
        return new TestCards(this, database, cardTransitions, transactions).personalize(holder, commune);
    }

    protected PkiChecks pkiChecks() {
        return new PkiChecks(this, work);
    }

    protected String cardState(UUID cardId) {
        return database.sql("select state from card where id = :id").bind("id", cardId).map(row -> row.get("state", String.class))
                .one().block();
    }

    protected String certificateStatus(String serial) {
        return database.sql("select status || coalesce('/' || revocation_reason, '') as s from certificate where serial = :s")
                .bind("s", serial).map(row -> row.get("s", String.class)).one().block();
    }

    /** The actions recorded about {@code target}, in chain order. */
    protected List<String> auditActions(String target) {
        return database.sql("select action from audit_event where target = :t order by id").bind("t", target)
                .map(row -> row.get("action", String.class)).all().collectList().block();
    }

    protected void assertAuditChainIntact() {
        org.assertj.core.api.Assertions.assertThat(auditTrail.firstBrokenLink().block()).as("first broken audit link").isEmpty();
    }

    protected static String email(TestPerson person) {
        return person.holderId().toLowerCase() + "@mairie.test";
    }
}
