package fr.cartesagents.ra.order;

import static fr.cartesagents.ra.testsupport.TestCards.csr;
import static fr.cartesagents.ra.testsupport.TestCards.rsa;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import fr.cartesagents.ra.unblock.CardUnblockSecrets;
import fr.cartesagents.ra.testsupport.Mailbox;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order's e-mails to the mayor and delegates (order recorded; card ready for its face-to-face
 * hand-over, Art. III), enqueued with the step they announce, and the credit of a charged order's
 * line when the order is cancelled (annex 1), on the whole server with an in-process SMTP server.
 */
class OrderNoticesAndCreditsTest extends CardLifecycleServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration MAIL = Duration.ofSeconds(20);

    @Autowired
    CardUnblockSecrets unblockSecrets;

    private String name;

    @BeforeEach
    void world() {
        name = "Commandes-" + newKey().substring(0, 6);
        freshCommune(name);
        activeCartesConvention();
    }

    @Test
    void theCardManagersAreToldOfTheOrder_thenThatTheCardWaitsForItsHandOver_andARefusedOrderTellsNobody() {
        TestPerson agent = agent("Annonce");
        HttpClient byDelegate = clientOf(delegate);

        UUID orderId = order(byDelegate, agent, "initial");

        for (TestPerson manager : new TestPerson[] {mayor, delegate}) {
            var mail = Mailbox.awaitTo(email(manager), 1, MAIL).get(0);
            assertThat(Mailbox.subject(mail)).isEqualTo("Commande de carte enregistrée pour Chloé ANNONCE");
            assertThat(Mailbox.body(mail)).contains("(" + name + ")", "Motif : première carte.", orderId.toString());
        }
        // A second order while this one is open is refused (409): its e-mail was rolled back with it.
        HttpResponse<byte[]> again = postJson(byDelegate, api("/api/v1/collectivities/" + commune + "/card-orders"),
                orderJson(agent, "initial"), newKey());
        assertThat(again.statusCode()).as(text(again)).isEqualTo(409);
        assertThat(outboxTo(email(mayor))).isEqualTo(1);

        HttpClient office = clientOf(officer);
        assertThat(transition(office, orderId, "approve").statusCode()).isEqualTo(200);
        String cardSerial = "SIM-" + newKey().substring(0, 8).toUpperCase();
        String body = JSON.writeValueAsString(Map.of("cardSerial", cardSerial, "authenticationCsr", csr(rsa()),
                "signatureCsr", csr(rsa())));
        String key = newKey();
        HttpResponse<byte[]> personalized = postJson(office, api("/api/v1/card-orders/" + orderId + "/personalization"), body, key);
        assertThat(personalized.statusCode()).as(text(personalized)).isEqualTo(201);
        String cardId = JSON.readTree(personalized.body()).get("cardId").asString();
        // The PUK the bridge writes into the card is the one the unblock will release (one master key, cartes.card-secrets.*),
        // derived again for a replay and never stored.
        String puk = JSON.readTree(personalized.body()).get("puk").asString();
        assertThat(puk).matches("[0-9]{8}").isEqualTo(unblockSecrets.puk(cardSerial).digits());
        HttpResponse<byte[]> replayed = postJson(office, api("/api/v1/card-orders/" + orderId + "/personalization"), body, key);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(replayed.body()).get("puk").asString()).isEqualTo(puk);
        assertThat(database.sql("select response_body from idempotency_key where key = :k").bind("k", key)
                .map(row -> row.get("response_body", String.class)).one().block()).contains(cardId).doesNotContain(puk);

        var ready = Mailbox.awaitTo(email(mayor), 2, MAIL).get(1);
        assertThat(Mailbox.subject(ready)).isEqualTo("Carte prête à être remise : Chloé ANNONCE");
        assertThat(Mailbox.body(ready)).contains("remise en face à face par Préfecture (" + name + ")", cardId);
        Mailbox.awaitTo(email(delegate), 2, MAIL);
        assertThat(outboxTo(email(agent))).as("the holder is told at the hand-over, not before").isZero();
    }

    @Test
    void cancellingAChargedOrderCreditsItsLine_once_andAFreeOrderWritesNoLine() {
        TestPerson agent = agent("Annulation");
        // The free card of the period was already handed over: a replacement after a loss is charged.
        database.sql("insert into card_order (id, collectivity_id, person_id, reason, card_profile, state, free_of_charge, fee_cents,"
                        + " ordered_at, ordered_by, ordered_as, approved_at, approved_by, personalized_at, delivered_at)"
                        + " values (:id, :c, :p, 'initial', 'standard', 'delivered', true, 0, now(), 'test', 'office', now(), 'test',"
                        + " now(), now())")
                .bind("id", UUID.randomUUID()).bind("c", commune).bind("p", agent.id()).then().block();
        HttpClient byDelegate = clientOf(delegate);
        UUID charged = order(byDelegate, agent, "loss");
        assertThat(statement().get("totalCents").asLong()).isEqualTo(3000);

        HttpResponse<byte[]> cancelled = transition(byDelegate, charged, "cancel");

        assertThat(cancelled.statusCode()).as(text(cancelled)).isEqualTo(200);
        JsonNode statement = statement();
        assertThat(statement.get("lines").findValuesAsString("item")).containsExactly("card-replacement:loss",
                "credit:card-replacement:loss");
        assertThat(statement.get("lines").get(1).get("amountCents").asLong()).isEqualTo(-3000);
        assertThat(statement.get("totalCents").asLong()).isZero();
        assertThat(auditActions("card-order:" + charged)).containsSubsequence("card-order.created", "card-order.cancel",
                "billing.line-credited");
        assertThat(transition(byDelegate, charged, "cancel").statusCode()).as("cancelled once").isEqualTo(409);
        assertThat(statement().get("lines").size()).isEqualTo(2);

        TestPerson other = agent("Gratuite");
        UUID free = order(byDelegate, other, "initial");
        assertThat(transition(byDelegate, free, "cancel").statusCode()).isEqualTo(200);
        assertThat(statement().get("lines").size()).isEqualTo(2);
        assertAuditChainIntact();
    }

    private UUID order(HttpClient client, TestPerson person, String reason) {
        HttpResponse<byte[]> created = postJson(client, api("/api/v1/collectivities/" + commune + "/card-orders"),
                orderJson(person, reason), newKey());
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        return UUID.fromString(JSON.readTree(created.body()).get("id").asString());
    }

    private HttpResponse<byte[]> transition(HttpClient client, UUID orderId, String action) {
        return postJson(client, api("/api/v1/card-orders/" + orderId + "/transitions"), "{\"action\": \"" + action + "\"}", null);
    }

    private JsonNode statement() {
        HttpResponse<byte[]> response = get(clientOf(mayor), api("/api/v1/collectivities/" + commune + "/billing"));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private long outboxTo(String address) {
        return database.sql("select count(*) as n from notification_outbox where recipient = :r").bind("r", address)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private static String orderJson(TestPerson person, String reason) {
        return "{\"personId\": \"" + person.id() + "\", \"reason\": \"" + reason + "\", \"cardProfile\": \"standard\"}";
    }
}
