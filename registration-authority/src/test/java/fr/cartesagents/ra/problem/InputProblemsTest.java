package fr.cartesagents.ra.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.RunningServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input of every kind becomes a problem that names the fields in error, in the caller's
 * language: Bean Validation failures, unknown JSON members, wrong types, malformed JSON, a missing
 * body, a malformed query parameter. Exercised on the demo login (a public endpoint with a
 * validated body) and the audit events query.
 */
class InputProblemsTest extends RunningServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LOGIN = "/api/v1/demo/login";

    @Test
    void whenABeanValidationConstraintFails_thenValidationFailedNamesTheFieldInEnglish() {
        JsonNode problem = problem(post("{\"user\": \"\"}", "en"), 400, "validation-failed");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("user");
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("must not be blank");
        assertThat(problem.get("title").asString()).isEqualTo("Invalid input");
    }

    @Test
    void whenTheCallerPrefersFrench_thenTheValidatorMessagesAreFrenchToo() {
        JsonNode problem = problem(post("{\"user\": \"" + "x".repeat(65) + "\"}", "fr-FR,fr;q=0.9,en;q=0.5"), 400,
                "validation-failed");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("user");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("doit être comprise entre 0 et 64");
        assertThat(problem.get("detail").asString()).contains("champ invalide");
    }

    @Test
    void whenTheBodyHasAnUnknownMember_thenItIsNamed() {
        JsonNode problem = problem(post("{\"user\": \"maire\", \"role\": \"administrateur\"}", "en"), 400, "validation-failed");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("role");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("Unknown field");
    }

    @Test
    void whenAMemberHasTheWrongType_thenItIsNamedWithTheExpectedType() {
        JsonNode problem = problem(post("{\"user\": {\"name\": \"maire\"}}", "fr"), 400, "validation-failed");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("user");
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("Type incorrect : string attendu.");
    }

    @Test
    void whenTheBodyIsNotJson_thenBadRequest() {
        JsonNode problem = problem(post("{\"user\": \"maire\"", "en"), 400, "bad-request");
        assertThat(problem.get("detail").asString()).contains("not well-formed JSON");
        assertThat(problem.get("errors")).isEmpty();
    }

    @Test
    void whenTheBodyIsMissing_thenBadRequest() {
        JsonNode problem = problem(post("", "fr"), 400, "bad-request");
        assertThat(problem.get("detail").asString()).isEqualTo("Cette requête attend un corps JSON.");
    }

    @Test
    void whenAStrictlyReadBodyOrAPageParameterIsWrong_thenTheFieldMessageIsInTheCallersLanguageToo() {
        HttpResponse<byte[]> page = send(administratorClient(), HttpRequest.newBuilder(api("/api/v1/collectivities?page=deux"))
                .header("Accept-Language", "fr").GET().build());
        JsonNode badPage = problem(page, 400, "validation-failed");
        assertThat(badPage.get("errors").get(0).get("field").asString()).isEqualTo("page");
        assertThat(badPage.get("errors").get(0).get("message").asString()).isEqualTo("Type incorrect : number attendu.");

        for (String[] language : new String[][] {{"fr", "Champ inconnu : ce service ne le prend pas."},
                {"en", "Unknown field: this endpoint does not take it."}}) {
            HttpResponse<byte[]> unknown = send(administratorClient(), HttpRequest.newBuilder(api("/api/v1/collectivities"))
                    .header("Content-Type", "application/json").header("Accept-Language", language[0])
                    .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"nom\": \"Lille\"}")).build());
            JsonNode problem = problem(unknown, 400, "validation-failed");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("nom");
            assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo(language[1]);
        }
    }

    private HttpResponse<byte[]> post(String body, String language) {
        return send(anonymousClient(), HttpRequest.newBuilder(api(LOGIN)).header("Content-Type", "application/json")
                .header("Accept-Language", language).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode problem(HttpResponse<byte[]> response, int status, String type) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:cartes-agents:problem:" + type);
        return problem;
    }
}
