package fr.cartesagents.ra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.json.JsonMapper;

/**
 * Art. VII on the card routes themselves (issue 11): while the commune's trust roles are suspended
 * (an open major non-conformity, as {@code ComplianceApiTest} sets it), its mayor and delegates
 * neither order nor hand over a card, with the reason, and nothing is recorded; the registration
 * office does both.
 */
class CardRoutesUnderTrustSuspensionTest extends CardLifecycleServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeEach
    void world() {
        freshCommune("Suspendue-" + newKey().substring(0, 6));
        activeCartesConvention();
        database.sql("update collectivity set trust_suspended = true where id = :id").bind("id", commune).then().block();
    }

    @Test
    void whenTheTrustRolesAreSuspended_thenOnlyTheOfficeOrdersAndHandsOver() {
        TestPerson agent = agent("Suspens");
        String orders = "/api/v1/collectivities/" + commune + "/card-orders";
        String order = "{\"personId\": \"" + agent.id() + "\", \"reason\": \"initial\", \"cardProfile\": \"standard\"}";
        for (TestPerson manager : new TestPerson[] {mayor, delegate}) {
            HttpResponse<byte[]> refused = postJson(clientOf(manager), api(orders), order, newKey());
            assertThat(refused.statusCode()).as(text(refused)).isEqualTo(403);
            assertThat(JSON.readTree(refused.body()).get("type").asString()).endsWith(":trust-roles-suspended");
        }
        assertThat(database.sql("select count(*) as n from card_order where person_id = :p").bind("p", agent.id())
                .map(row -> row.get("n", Long.class)).one().block()).as("nothing ordered").isZero();
        HttpResponse<byte[]> byOffice = postJson(clientOf(officer), api(orders), order, newKey());
        assertThat(byOffice.statusCode()).as(text(byOffice)).isEqualTo(201);
        assertThat(JSON.readTree(byOffice.body()).get("orderedAs").asString()).isEqualTo("office");

        UUID card = personalizedCardOf(agent).id();
        HttpResponse<byte[]> receipt = get(clientOf(delegate), api("/api/v1/cards/" + card + "/hand-over-receipt"));
        assertThat(receipt.statusCode()).as(text(receipt)).isEqualTo(403);
        HttpResponse<byte[]> handOver = postJson(clientOf(delegate), api("/api/v1/cards/" + card + "/hand-over"), "{}", newKey());
        assertThat(handOver.statusCode()).as(text(handOver)).isEqualTo(403);
        assertThat(JSON.readTree(handOver.body()).get("type").asString()).endsWith(":trust-roles-suspended");
        assertThat(cardState(card)).isEqualTo("personalized");
        assertThat(get(clientOf(officer), api("/api/v1/cards/" + card + "/hand-over-receipt")).statusCode())
                .as("the office may hand it over").isEqualTo(200);
    }
}
