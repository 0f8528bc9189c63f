package fr.cartesagents.ra.habilitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/** Bad input of every kind to the habilitation and relying-application endpoints: a 4xx problem, and nothing stored. */
class HabilitationBadInputTest extends CheckTestBase {

    @Test
    void whenAGrantIsMalformed_thenRefused400AndNothingChanged() {
        Commune commune = commune("Labastide-Rouairoux");
        TestPerson agent = agentOf(commune.id(), "Hugues", "Queste");
        List<Long> before = traces();

        JsonNode missing = problem(postJson(commune.mayorClient(), habilitations(commune.id()), "{}", newKey()), 400,
                "validation-failed");
        assertThat(missing.get("errors").findValuesAsString("field")).containsExactly("application", "level", "personId");
        problem(postJson(commune.mayorClient(), habilitations(commune.id()), "", newKey()), 400, "bad-request");
        problem(postJson(commune.mayorClient(), habilitations(commune.id()),
                "{\"personId\": \"%s\", \"application\": \"saip\", \"level\": \"utilisateur\", \"admin\": true}"
                        .formatted(agent.id()), newKey()), 400, "validation-failed");
        assertThat(problem(postJson(commune.mayorClient(), habilitations(commune.id()), grantJson(agent.id(), "facebook", "agent"),
                newKey()), 400, "validation-failed").get("detail").asString()).contains("comedec, actes, helios, saip, tes, pve");
        assertThat(problem(postJson(commune.mayorClient(), habilitations(commune.id()), grantJson(agent.id(), "saip", "officier"),
                newKey()), 400, "validation-failed").get("detail").asString()).contains("utilisateur");
        problem(postJson(commune.mayorClient(), habilitations(commune.id()), grantJson(agent.id(), "COMEDEC", "agent"), newKey()),
                400, "validation-failed");
        problem(postJson(commune.mayorClient(), habilitations(commune.id()), grantJson(agent.id(), "x".repeat(40), "agent"),
                newKey()), 400, "validation-failed");
        problem(postJson(commune.mayorClient(), habilitations(commune.id()),
                "{\"personId\": \"not-a-uuid\", \"application\": \"saip\", \"level\": \"utilisateur\"}", newKey()), 400,
                "validation-failed");
        problem(postJson(commune.mayorClient(), habilitations(commune.id()), "{\"personId\": ", newKey()), 400, "bad-request");
        problem(postJson(commune.mayorClient(), api("/api/v1/collectivities/not-a-uuid/habilitations"),
                grantJson(agent.id(), "saip", "utilisateur"), newKey()), 400, "validation-failed");
        problem(postJson(commune.mayorClient(), habilitations(UUID.randomUUID()), grantJson(agent.id(), "saip", "utilisateur"),
                newKey()), 404, "collectivity-not-found");
        HttpResponse<byte[]> xml = send(commune.mayorClient(), HttpRequest.newBuilder(habilitations(commune.id()))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/xml").header("Idempotency-Key", newKey())
                .POST(HttpRequest.BodyPublishers.ofString("<grant/>")).build());
        problem(xml, 415, "unsupported-media-type");
        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void whenAnApplicationOrLevelIsUnknown_thenTheProblemNamesTheFieldInErrors_inTheCallersLanguage() {
        Commune commune = commune("Lacabarède");
        TestPerson agent = agentOf(commune.id(), "Hugues", "Queste");
        List<Long> before = traces();

        JsonNode english = problem(postJson(commune.mayorClient(), habilitations(commune.id()),
                grantJson(agent.id(), "facebook", "agent"), newKey()), 400, "validation-failed");
        assertThat(english.get("errors").findValuesAsString("field")).containsExactly("application");
        assertThat(english.get("errors").get(0).get("message").asString())
                .isEqualTo(english.get("detail").asString())
                .isEqualTo("Unknown application 'facebook': expected one of comedec, actes, helios, saip, tes, pve.");

        HttpRequest french = HttpRequest.newBuilder(habilitations(commune.id())).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept-Language", "fr-FR")
                .header("Idempotency-Key", newKey())
                .POST(HttpRequest.BodyPublishers.ofString(grantJson(agent.id(), "facebook", "agent"))).build();
        JsonNode inFrench = problem(send(commune.mayorClient(), french), 400, "validation-failed");
        assertThat(inFrench.get("errors").findValuesAsString("field")).containsExactly("application");
        assertThat(inFrench.get("errors").get(0).get("message").asString()).startsWith("Application inconnue « facebook »");

        JsonNode level = problem(postJson(commune.mayorClient(), habilitations(commune.id()),
                grantJson(agent.id(), "saip", "officier"), newKey()), 400, "validation-failed");
        assertThat(level.get("errors").findValuesAsString("field")).containsExactly("level");

        String base = "/api/v1/collectivities/" + commune.id() + "/habilitations";
        assertThat(problem(get(commune.mayorClient(), api(base + "?application=facebook")), 400, "validation-failed")
                .get("errors").findValuesAsString("field")).containsExactly("application");
        assertThat(problem(get(commune.mayorClient(), api(base + "?status=expired")), 400, "validation-failed")
                .get("errors").findValuesAsString("field")).containsExactly("status");
        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void whenADelegateOfAnotherCommuneSendsABadGrantOrNoIfMatch_thenForbiddenBeforeAnyOtherCheckAndNothingChanged() {
        Commune communeA = commune("Saint-Amans-Soult");
        TestPerson agent = agentOf(communeA.id(), "Hugues", "Queste");
        JsonNode held = granted(communeA.mayorClient(), communeA.id(), agent, "saip", "utilisateur");
        Commune communeB = commune("Saint-Amans-Valtoret");
        TestPerson delegateB = agentOf(communeB.id(), "Lucie", "N'Diaye");
        directory().assign(delegateB, fr.cartesagents.ra.security.Role.DELEGATE, communeB.id());
        var intruder = clientOf(delegateB);
        List<Long> before = traces();

        problem(postJson(intruder, habilitations(communeA.id()), "{}", newKey()), 403, "forbidden");
        problem(postJson(intruder, habilitations(communeA.id()), grantJson(agent.id(), "facebook", "agent"), newKey()), 403,
                "forbidden");
        problem(postJson(intruder, habilitations(communeA.id()), "{\"personId\": ", newKey()), 403, "forbidden");
        problem(withdraw(intruder, communeA.id(), held.get("id").asString(), null), 403, "forbidden");
        problem(get(intruder, java.net.URI.create(habilitations(communeA.id()) + "?status=bogus&limit=0")), 403, "forbidden");
        assertThat(traces()).isEqualTo(before);
        assertThat(read(communeA.mayorClient(), communeA.id(), held.get("id").asString()).get("status").asString())
                .isEqualTo("active");
    }

    @Test
    void whenAListOrAReadIsMalformed_thenRefused400or404() {
        Commune commune = commune("Payrin-Augmontel");
        String base = "/api/v1/collectivities/" + commune.id() + "/habilitations";

        problem(get(commune.mayorClient(), api(base + "?status=expired")), 400, "validation-failed");
        problem(get(commune.mayorClient(), api(base + "?application=facebook")), 400, "validation-failed");
        problem(get(commune.mayorClient(), api(base + "?limit=0")), 400, "validation-failed");
        problem(get(commune.mayorClient(), api(base + "?limit=501")), 400, "validation-failed");
        problem(get(commune.mayorClient(), api(base + "?offset=-1")), 400, "validation-failed");
        problem(get(commune.mayorClient(), api(base + "?person=nobody")), 400, "validation-failed");
        problem(get(commune.mayorClient(), api(base + "/" + UUID.randomUUID())), 404, "not-found");
        problem(get(commune.mayorClient(), api(base + "/42")), 400, "validation-failed");
    }

    @Test
    void whenARelyingApplicationRegistrationIsMalformed_thenRefused400AndNothingChanged() {
        String fingerprint = "ab".repeat(32);
        List<Long> before = traces();

        problem(register("{}"), 400, "validation-failed");
        problem(register("{\"name\": \"X\", \"applications\": [\"comedec\"]}"), 400, "validation-failed");
        problem(register("{\"name\": \"X\", \"fingerprintSha256\": \"%s\", \"certificate\": \"x\", \"applications\": [\"comedec\"]}"
                .formatted(fingerprint)), 400, "validation-failed");
        problem(register("{\"name\": \"X\", \"fingerprintSha256\": \"abc\", \"applications\": [\"comedec\"]}"), 400,
                "validation-failed");
        problem(register("{\"name\": \"X\", \"certificate\": \"not pem\", \"applications\": [\"comedec\"]}"), 400,
                "validation-failed");
        problem(register("{\"name\": \"X\", \"fingerprintSha256\": \"%s\", \"applications\": []}".formatted(fingerprint)), 400,
                "validation-failed");
        problem(register("{\"name\": \"X\", \"fingerprintSha256\": \"%s\", \"applications\": [\"facebook\"]}".formatted(fingerprint)),
                400, "validation-failed");
        problem(register("{\"name\": \" \", \"fingerprintSha256\": \"%s\", \"applications\": [\"saip\"]}".formatted(fingerprint)),
                400, "validation-failed");
        problem(register("{\"name\": "), 400, "bad-request");
        assertThat(traces()).isEqualTo(before);
    }

    private HttpResponse<byte[]> register(String json) {
        return postJson(administratorClient(), api(RelyingApplicationController.BASE), json, newKey());
    }
}
