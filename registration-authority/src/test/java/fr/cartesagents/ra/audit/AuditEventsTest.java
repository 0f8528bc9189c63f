package fr.cartesagents.ra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/v1/audit/events}: who sees which events, the filters, the pages, bad parameters. */
class AuditEventsTest extends RunningServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void mayorsAndDelegatesSeeTheirCollectivitysEventsOnly_auditorsAndAdministratorsSeeAll() {
        World world = world();
        HttpClient mayorA = clientOf(world.mayorA());

        JsonNode own = page(mayorA, "/api/v1/audit/events?size=200");
        assertThat(own.get("items")).isNotEmpty().allSatisfy(item ->
                assertThat(item.get("collectivity").asString()).isEqualTo(world.a().toString()));
        assertThat(own.toString()).contains(world.targetA()).doesNotContain(world.targetB());
        assertThat(page(clientOf(world.delegateA()), "/api/v1/audit/events?target=" + world.targetA()).get("total").asLong())
                .isEqualTo(1);
        assertThat(get(mayorA, api("/api/v1/audit/events?collectivity=" + world.b())).statusCode()).isEqualTo(403);
        assertThat(get(clientOf(world.agentA()), api("/api/v1/audit/events")).statusCode()).isEqualTo(403);
        assertThat(get(clientOf(world.officer()), api("/api/v1/audit/events")).statusCode()).isEqualTo(403);

        JsonNode audited = page(clientOf(world.auditor()), "/api/v1/audit/events?collectivity=" + world.b());
        assertThat(audited.toString()).contains(world.targetB());
        assertThat(page(administratorClient(), "/api/v1/audit/events?target=" + world.targetB()).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void filtersAndPagesNarrowTheResult() {
        World world = world();
        HttpClient auditor = clientOf(world.auditor());

        JsonNode firstPage = page(auditor, "/api/v1/audit/events?collectivity=" + world.a() + "&size=1");
        assertThat(firstPage.get("items")).hasSize(1);
        assertThat(firstPage.get("total").asLong()).isEqualTo(2);
        JsonNode secondPage = page(auditor, "/api/v1/audit/events?collectivity=" + world.a() + "&size=1&page=1");
        assertThat(secondPage.get("items").get(0).get("id").asLong()).isLessThan(firstPage.get("items").get(0).get("id").asLong());
        assertThat(page(auditor, "/api/v1/audit/events?collectivity=" + world.a() + "&action=test.other").get("total").asLong())
                .isEqualTo(1);
        assertThat(page(auditor, "/api/v1/audit/events?collectivity=" + world.a() + "&from=2999-01-01T00:00:00Z").get("total")
                .asLong()).isZero();
        assertThat(page(auditor, "/api/v1/audit/events?collectivity=" + world.a() + "&to=2999-01-01T00:00:00Z").get("total")
                .asLong()).isEqualTo(2);
    }

    @Test
    void whenAParameterIsMalformed_thenValidationFailedNamesIt() {
        World world = world();
        HttpClient auditor = clientOf(world.auditor());

        HttpResponse<byte[]> badId = get(auditor, api("/api/v1/audit/events?collectivity=pas-un-uuid"));
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(text(badId)).contains("validation-failed").contains("\"field\":\"collectivity\"");
        HttpResponse<byte[]> tooLarge = get(auditor, api("/api/v1/audit/events?size=500"));
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(text(tooLarge)).contains("validation-failed").contains("size");
        HttpResponse<byte[]> badTime = get(auditor, api("/api/v1/audit/events?from=hier"));
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(text(badTime)).contains("\"field\":\"from\"");
    }

    record World(UUID a, UUID b, TestPerson mayorA, TestPerson delegateA, TestPerson agentA, TestPerson officer,
                 TestPerson auditor, String targetA, String targetB) {
    }

    private World world() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Nord");
        UUID a = directory.commune("Armentières-test", office);
        UUID b = directory.commune("La Chapelle-d'Armentières", office);
        TestPerson mayorA = directory.person("Hélène", "Maire");
        directory.assign(mayorA, Role.MAYOR, a);
        TestPerson delegateA = directory.person("Karim", "N'Diaye");
        directory.assign(delegateA, Role.DELEGATE, a);
        TestPerson agentA = directory.person("Sophie", "Agent");
        directory.assign(agentA, Role.AGENT, a);
        TestPerson officer = directory.person("Marc", "Officier");
        directory.assign(officer, Role.REGISTRATION_OFFICER, office);
        TestPerson auditor = directory.person("Claire", "Auditrice");
        directory.assign(auditor, Role.AUDITOR, null);
        String targetA = "person:" + UUID.randomUUID();
        String targetB = "person:" + UUID.randomUUID();
        append(a, "test.changed", targetA);
        append(a, "test.other", "person:" + UUID.randomUUID());
        append(b, "test.changed", targetB);
        return new World(a, b, mayorA, delegateA, agentA, officer, auditor, targetA, targetB);
    }

    private void append(UUID collectivity, String action, String target) {
        transactions.transactional(audit.append(new AuditEntry("test", action, target, Map.of("k", "v"), Optional.of(collectivity),
                Optional.of("192.0.2.1")))).block();
    }

    private JsonNode page(HttpClient client, String path) {
        HttpResponse<byte[]> response = get(client, api(path));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
