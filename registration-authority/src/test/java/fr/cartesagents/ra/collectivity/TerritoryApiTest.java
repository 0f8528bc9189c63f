package fr.cartesagents.ra.collectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import fr.cartesagents.ra.testsupport.RunningServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the territory tests share: the running server, JSON requests with an Idempotency-Key or
 * an If-Match, and assertions on problem documents.
 */
public abstract class TerritoryApiTest extends RunningServer {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected HttpResponse<byte[]> get(HttpClient client, String path) {
        return get(client, api(path));
    }

    protected HttpResponse<byte[]> post(HttpClient client, String path, String json) {
        return postJson(client, api(path), json, newKey());
    }

    protected HttpResponse<byte[]> put(HttpClient client, String path, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(client, request.build());
    }

    protected HttpResponse<byte[]> postWithIfMatch(HttpClient client, String path, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(client, request.build());
    }

    protected static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    protected static String etag(HttpResponse<byte[]> response) {
        return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag in " + text(response)));
    }

    protected static UUID id(HttpResponse<byte[]> response) {
        return UUID.fromString(json(response).get("id").asString());
    }

    protected static JsonNode ok(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        return json(response);
    }

    /** Asserts a problem document of that status and type slug (urn:cartes-agents:problem:&lt;slug&gt;). */
    protected static JsonNode problem(HttpResponse<byte[]> response, int status, String typeSlug) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:cartes-agents:problem:" + typeSlug);
        return problem;
    }

    protected long auditEvents(String action, String target) {
        return database.sql("select count(*) as n from audit_event where action = :action and target = :target")
                .bind("action", action).bind("target", target)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    protected UUID collectivityByInsee(String insee) {
        return database.sql("select id from collectivity where insee_code = :insee").bind("insee", insee)
                .map(row -> row.get("id", UUID.class)).one().block();
    }
}
