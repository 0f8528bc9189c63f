package fr.cartesagents.ra.habilitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A commune with its mayor, arranged in the database, and the calls of the habilitation API made
 * as a client would make them (real mutual TLS, JSON).
 */
abstract class HabilitationTestBase extends RunningServer {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A commune served by a fresh office, with a mayor who can log in. */
    record Commune(UUID id, TestPerson mayor, HttpClient mayorClient) {
    }

    Commune commune(String name) {
        UUID office = directory().office("Préfecture de test");
        UUID commune = directory().commune(name, office);
        TestPerson mayor = directory().person("Fabrice", "Cabral");
        directory().assign(mayor, Role.MAYOR, commune);
        return new Commune(commune, mayor, clientOf(mayor));
    }

    /** A person who is an agent of {@code collectivity} from yesterday on. */
    TestPerson agentOf(UUID collectivity, String givenNames, String birthName) {
        TestPerson agent = directory().person(givenNames, birthName);
        directory().assign(agent, Role.AGENT, collectivity);
        return agent;
    }

    /** Records a delegation of the mayor, from yesterday, open-ended. */
    void delegate(TestPerson person, UUID collectivity, String kind) {
        database.sql("insert into delegation (id, person_id, collectivity_id, kind, starts_on, reference)"
                        + " values (:id, :person, :collectivity, :kind, :starts, 'arrêté de test')")
                .bind("id", UUID.randomUUID()).bind("person", person.id()).bind("collectivity", collectivity)
                .bind("kind", kind).bind("starts", LocalDate.now().minusDays(1))
                .then().block();
    }

    URI habilitations(UUID collectivity) {
        return api("/api/v1/collectivities/" + collectivity + "/habilitations");
    }

    HttpResponse<byte[]> grant(HttpClient client, UUID collectivity, TestPerson person, String application, String level) {
        return postJson(client, habilitations(collectivity), grantJson(person.id(), application, level), newKey());
    }

    static String grantJson(UUID person, String application, String level) {
        return "{\"personId\": \"%s\", \"application\": \"%s\", \"level\": \"%s\"}".formatted(person, application, level);
    }

    /** Grants and returns the new habilitation, failing the test if the server refuses. */
    JsonNode granted(HttpClient client, UUID collectivity, TestPerson person, String application, String level) {
        HttpResponse<byte[]> response = grant(client, collectivity, person, application, level);
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    HttpResponse<byte[]> withdraw(HttpClient client, UUID collectivity, String habilitationId, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api("/api/v1/collectivities/" + collectivity + "/habilitations/"
                        + habilitationId + "/withdrawal"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody());
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(client, request.build());
    }

    JsonNode read(HttpClient client, UUID collectivity, String habilitationId) {
        HttpResponse<byte[]> response = get(client, api("/api/v1/collectivities/" + collectivity + "/habilitations/" + habilitationId));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Asserts a problem document of that status and type, and returns it. */
    static JsonNode problem(HttpResponse<byte[]> response, int status, String type) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:cartes-agents:problem:" + type);
        return problem;
    }

    /** Rows that a refused request must not have added. */
    List<Long> traces() {
        return List.of(count("habilitation"), count("audit_event"), count("idempotency_key"), count("relying_application"));
    }
}
