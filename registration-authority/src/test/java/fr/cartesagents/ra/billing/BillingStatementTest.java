package fr.cartesagents.ra.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Annex 1 on the whole server: charged lines in a statement (JSON and CSV), readers against the annex's allotment. */
class BillingStatementTest extends CardLifecycleServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    BillingLedger ledger;

    @BeforeEach
    void world() {
        freshCommune("Facturation-" + newKey().substring(0, 6));
    }

    @Test
    void theStatementListsThePeriodsChargedLines_asJsonAndCsv() {
        UUID inPeriod = order();
        UUID later = order();
        transactions.transactional(ledger.record(new BillingLedger.Line(commune, inPeriod, "card-replacement:loss", 3000,
                        Instant.parse("2026-03-10T09:00:00Z")))
                .then(ledger.record(new BillingLedger.Line(commune, later, "card-replacement:theft", 3000,
                        Instant.parse("2026-07-01T09:00:00Z"))))).block();
        HttpClient mayorClient = clientOf(mayor);

        HttpResponse<byte[]> json = get(mayorClient, api("/api/v1/collectivities/" + commune + "/billing?from=2026-01-01&to=2026-06-30"));
        assertThat(json.statusCode()).as(text(json)).isEqualTo(200);
        JsonNode statement = JSON.readTree(json.body());
        assertThat(statement.get("lines").size()).isEqualTo(1);
        assertThat(statement.get("lines").get(0).get("item").asString()).isEqualTo("card-replacement:loss");
        assertThat(statement.get("totalCents").asLong()).isEqualTo(3000);
        assertThat(statement.get("total").asString()).isEqualTo("30.00");
        assertThat(statement.get("currency").asString()).isEqualTo("EUR");

        HttpResponse<byte[]> csv = send(mayorClient, HttpRequest.newBuilder(
                        api("/api/v1/collectivities/" + commune + "/billing?from=2026-01-01&to=2026-12-31"))
                .header("Accept", "text/csv").GET().build());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(text(csv)).isEqualTo("date;article;commande;montant_ht_centimes;montant_ht_eur\r\n"
                + "2026-03-10;card-replacement:loss;" + inPeriod + ";3000;30.00\r\n"
                + "2026-07-01;card-replacement:theft;" + later + ";3000;30.00\r\n"
                + "total;;;6000;60.00\r\n");

        HttpResponse<byte[]> badPeriod = get(mayorClient, api("/api/v1/collectivities/" + commune + "/billing?from=2026-02-01&to=2026-01-01"));
        assertThat(badPeriod.statusCode()).isEqualTo(400);
        assertThat(get(clientOf(agent("Curieux")), api("/api/v1/collectivities/" + commune + "/billing")).statusCode()).isEqualTo(403);
    }

    @Test
    void readersAreDeliveredWithinTheAnnexAllotment_onePerComedecWorkstation_twoPerTownHallForTes() {
        activeConvention("comedec", 3);
        activeConvention("cartes", null);
        HttpClient office = clientOf(officer);
        String path = "/api/v1/collectivities/" + commune + "/reader-deliveries";

        HttpResponse<byte[]> two = postJson(office, api(path), "{\"application\": \"comedec\", \"quantity\": 2}", newKey());
        assertThat(two.statusCode()).as(text(two)).isEqualTo(201);
        assertThat(JSON.readTree(two.body()).get("allotment").get("remaining").asInt()).isEqualTo(1);
        HttpResponse<byte[]> tooMany = postJson(office, api(path), "{\"application\": \"comedec\", \"quantity\": 2}", newKey());
        assertThat(tooMany.statusCode()).as(text(tooMany)).isEqualTo(422);
        assertThat(postJson(office, api(path), "{\"application\": \"tes\", \"quantity\": 2}", newKey()).statusCode()).isEqualTo(201);
        assertThat(postJson(office, api(path), "{\"application\": \"tes\", \"quantity\": 1}", newKey()).statusCode()).isEqualTo(422);
        assertThat(postJson(clientOf(mayor), api(path), "{\"application\": \"tes\", \"quantity\": 1}", newKey()).statusCode())
                .isEqualTo(403);

        JsonNode readers = JSON.readTree(get(clientOf(mayor), api("/api/v1/collectivities/" + commune + "/billing")).body()).get("readers");
        assertThat(readers.toString()).contains("{\"application\":\"comedec\",\"allowed\":3,\"delivered\":2,\"remaining\":1}",
                "{\"application\":\"tes\",\"allowed\":2,\"delivered\":2,\"remaining\":0}");
        assertThat(auditActions("collectivity:" + commune)).containsExactly("billing.readers-delivered", "billing.readers-delivered");
    }

    private UUID order() {
        UUID person = agent("Commande-" + newKey().substring(0, 4)).id();
        UUID id = UUID.randomUUID();
        database.sql("insert into card_order (id, collectivity_id, person_id, reason, card_profile, state, free_of_charge, fee_cents,"
                        + " ordered_at, ordered_by, ordered_as) values (:id, :c, :p, 'loss', 'standard', 'requested', false, 3000,"
                        + " now(), 'test', 'collectivity')")
                .bind("id", id).bind("c", commune).bind("p", person).then().block();
        return id;
    }

    private void activeConvention(String kind, Integer workstations) {
        UUID id = UUID.randomUUID();
        var insert = database.sql("insert into convention (id, kind, state, signed_on, activated_on, workstations)"
                        + " values (:id, :kind, 'active', :day, :day, :ws)")
                .bind("id", id).bind("kind", kind).bind("day", LocalDate.now());
        insert = workstations == null ? insert.bindNull("ws", Integer.class) : insert.bind("ws", workstations);
        insert.then().block();
        database.sql("insert into convention_party (convention_id, collectivity_id) values (:id, :c)")
                .bind("id", id).bind("c", commune).then().block();
    }
}
