package fr.cartesagents.ra.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the directory tests share: JSON over the real mTLS API, and people added through it. */
abstract class DirectoryTestBase extends RunningServer {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A valid person body; {@code birthName} and {@code givenNames} are put in as they are. */
    static String personJson(String birthName, String givenNames) {
        return """
                {"birthName": %s, "givenNames": %s, "birthDate": "1980-04-12", "birthPlace": "Lille (59)",
                 "email": "agent@mairie-test.fr", "service": "État civil", "jobTitle": "Officier d'état civil"}"""
                .formatted(JSON.writeValueAsString(birthName), JSON.writeValueAsString(givenNames));
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    static String problemType(HttpResponse<byte[]> response) {
        return json(response).get("type").asString();
    }

    URI people(UUID collectivity) {
        return api("/api/v1/collectivities/" + collectivity + "/people");
    }

    URI person(UUID collectivity, UUID person) {
        return api("/api/v1/collectivities/" + collectivity + "/people/" + person);
    }

    HttpResponse<byte[]> read(HttpClient client, URI uri) {
        return get(client, uri);
    }

    HttpResponse<byte[]> put(HttpClient client, URI uri, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(client, request.build());
    }

    /** A POST that changes an existing record: If-Match, no Idempotency-Key. */
    HttpResponse<byte[]> postIfMatch(HttpClient client, URI uri, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(client, request.build());
    }

    /** Adds a person to the collectivity's directory through the API, as the administrator. */
    TestPerson addPerson(UUID collectivity, String givenNames, String birthName) {
        HttpResponse<byte[]> created = postJson(administratorClient(), people(collectivity),
                personJson(birthName, givenNames), newKey());
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        JsonNode body = json(created);
        return new TestPerson(UUID.fromString(body.get("id").asString()), body.get("holderId").asString(), givenNames,
                birthName);
    }

    String etagOf(HttpClient client, URI uri) {
        HttpResponse<byte[]> response = read(client, uri);
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }
}
