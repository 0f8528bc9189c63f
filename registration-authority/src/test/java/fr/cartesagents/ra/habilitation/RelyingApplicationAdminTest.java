package fr.cartesagents.ra.habilitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/** National administrators register, disable and re-enable relying applications; nobody else may. */
class RelyingApplicationAdminTest extends CheckTestBase {

    @Test
    void whenAnAdministratorRegistersByCertificate_thenTheFingerprintIsKept_andTheRegistrationIsAuditedAndIdempotent() {
        TestPerson machine = new TestPerson(java.util.UUID.randomUUID(), "APPREG" + System.nanoTime() % 1_000_000, "Application", "ACTES");
        clientOf(machine);
        IssuedCertificate certificate = certificateOf(machine.holderId());
        String key = newKey();
        String json = "{\"name\": \"ACTES préfecture %s\", \"certificate\": \"%s\", \"applications\": [\"actes\", \"comedec\", \"actes\"]}"
                .formatted(machine.holderId(), certificate.pem().replace("\n", "\\n"));

        HttpResponse<byte[]> first = postJson(administratorClient(), api(RelyingApplicationController.BASE), json, key);
        HttpResponse<byte[]> retry = postJson(administratorClient(), api(RelyingApplicationController.BASE), json, key);

        assertThat(first.statusCode()).as(text(first)).isEqualTo(201);
        JsonNode registered = JSON.readTree(first.body());
        assertThat(registered.get("fingerprintSha256").asString()).isEqualTo(certificate.fingerprint());
        assertThat(registered.get("applications").toString()).isEqualTo("[\"actes\",\"comedec\"]");
        assertThat(registered.get("status").asString()).isEqualTo("enabled");
        assertThat(first.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(database.sql("select count(*) as n from audit_event where target = :t")
                .bind("t", "relying-application:" + registered.get("id").asString()).map(row -> row.get("n", Long.class)).one().block())
                .isEqualTo(1L);
        problem(postJson(administratorClient(), api(RelyingApplicationController.BASE), json, newKey()), 409, "duplicate");
    }

    @Test
    void whenAnApplicationIsDisabledAndEnabled_thenItsChecksFollow_andIfMatchIsRequired() {
        Relying relying = relying("TES", "tes");
        String json = "{\"issuer\": \"CN=x\", \"serial\": \"01\", \"application\": \"tes\"}";
        assertThat(check(relying.client(), json).statusCode()).isEqualTo(200);
        List<Long> before = traces();

        problem(change(administratorClient(), relying.id(), "disable", null), 428, "precondition-required");
        problem(change(administratorClient(), relying.id(), "disable", "\"3\""), 412, "precondition-failed");
        problem(change(administratorClient(), relying.id(), "enable", "\"0\""), 409, "illegal-transition");
        problem(change(administratorClient(), java.util.UUID.randomUUID().toString(), "disable", "\"0\""), 404, "not-found");
        assertThat(traces()).isEqualTo(before);

        HttpResponse<byte[]> disabled = change(administratorClient(), relying.id(), "disable", "\"0\"");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(disabled.headers().firstValue("ETag")).hasValue("\"1\"");
        problem(check(relying.client(), json), 403, "forbidden");
        assertThat(change(administratorClient(), relying.id(), "enable", "\"1\"").statusCode()).isEqualTo(200);
        assertThat(check(relying.client(), json).statusCode()).isEqualTo(200);
        JsonNode read = JSON.readTree(get(administratorClient(), api(RelyingApplicationController.BASE + "/" + relying.id())).body());
        assertThat(read.get("version").asLong()).isEqualTo(2);
        assertThat(JSON.readTree(get(administratorClient(), api(RelyingApplicationController.BASE)).body()).size()).isPositive();
    }

    @Test
    void whenSomebodyElseCallsTheAdminEndpoints_thenForbidden403AndNothingChanged() {
        Commune commune = commune("Pont-de-Larn");
        TestPerson delegate = directory().person("Sophie", "Tanghe");
        directory().assign(delegate, Role.DELEGATE, commune.id());
        HttpClient delegateClient = clientOf(delegate);
        Relying relying = relying("SAIP", "saip");
        String json = "{\"name\": \"Intrus\", \"fingerprintSha256\": \"%s\", \"applications\": [\"comedec\"]}".formatted("cd".repeat(32));
        List<Long> before = traces();

        for (HttpClient client : List.of(commune.mayorClient(), delegateClient, relying.client())) {
            problem(postJson(client, api(RelyingApplicationController.BASE), json, newKey()), 403, "forbidden");
            problem(get(client, api(RelyingApplicationController.BASE)), 403, "forbidden");
            problem(change(client, relying.id(), "disable", "\"0\""), 403, "forbidden");
        }
        problem(postJson(anonymousClient(), api(RelyingApplicationController.BASE), json, newKey()), 401, "unauthenticated");
        assertThat(traces()).isEqualTo(before);
    }

    private HttpResponse<byte[]> change(HttpClient client, String id, String action, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(RelyingApplicationController.BASE + "/" + id + "/" + action))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody());
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(client, request.build());
    }
}
