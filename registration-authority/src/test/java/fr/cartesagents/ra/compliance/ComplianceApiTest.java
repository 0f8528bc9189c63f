package fr.cartesagents.ra.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.StringJoiner;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.collectivity.TerritoryApiTest;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * The Guide SSI questionnaire and the audit findings over real mTLS HTTP: answers by the
 * commune's mayor or delegates, the computed status, and the suspension of the trust roles by an
 * open major non-conformity (the mayor and delegates lose card orders and hand-overs, the
 * registration office keeps them) lifted when the last one is closed.
 */
class ComplianceApiTest extends TerritoryApiTest {

    @Test
    void theQuestionnaireHasTheNineMeasuresOfTheGuideWordForWord() {
        Commune commune = commune();
        HttpResponse<byte[]> response = get(clientOf(commune.mayor()), questionnaire(commune.id()));
        JsonNode view = ok(response, 200);
        assertThat(etag(response)).isEqualTo("\"0\"");
        assertThat(view.get("measures")).hasSize(9);
        assertThat(view.get("total").asInt()).isEqualTo(18);
        assertThat(view.get("status").asString()).isEqualTo("unanswered");
        assertThat(view.get("measures").get(4).get("title").asString()).isEqualTo("Le poste de travail est protégé un pare-feu (firewall)");
        assertThat(view.get("measures").get(7).get("section").asString()).isEqualTo("Sécurité relative à l'environnement de travail");
        JsonNode toolbar = view.get("measures").get(8).get("controlPoints").get(1);
        assertThat(toolbar.get("id").asString()).isEqualTo("9.2");
        assertThat(toolbar.get("text").asString())
                .isEqualTo("Les navigateurs installés n'ont pas de barres d'outils spécifiques (Ask, Google, Hotmail, ...)");
    }

    @Test
    void theDelegateAnswersAndTheStatusFollowsTheAnswers() {
        Commune commune = commune();
        HttpClient delegate = clientOf(commune.delegate());
        JsonNode compliant = ok(put(delegate, questionnaire(commune.id()), allAnswers(true), "\"0\""), 200);
        assertThat(compliant.get("status").asString()).isEqualTo("compliant");
        assertThat(compliant.get("answered").asInt()).isEqualTo(18);
        assertThat(compliant.get("version").asLong()).isEqualTo(1);

        JsonNode partly = ok(put(delegate, questionnaire(commune.id()), """
                {"answers": [{"controlPoint": "3.2", "applied": false, "comment": "L'antivirus peut être désactivé par l'agent"}]}""",
                "\"1\""), 200);
        assertThat(partly.get("status").asString()).isEqualTo("non_compliant");
        assertThat(partly.get("measures").get(2).get("status").asString()).isEqualTo("non_compliant");
        assertThat(partly.get("measures").get(3).get("status").asString()).isEqualTo("compliant");
        assertThat(auditEvents("compliance.questionnaire-answered", "questionnaire:" + commune.id())).isEqualTo(2);
    }

    @Test
    void badAnswersAndStaleVersionsAreRefusedAndChangeNothing() {
        Commune commune = commune();
        HttpClient mayor = clientOf(commune.mayor());
        String path = questionnaire(commune.id());
        problem(put(mayor, path, "{\"answers\": [{\"controlPoint\": \"9.4\", \"applied\": true}]}", "\"0\""), 400, "validation-failed");
        problem(put(mayor, path, "{\"answers\": [{\"controlPoint\": \"10.1\", \"applied\": true}]}", "\"0\""), 400, "validation-failed");
        problem(put(mayor, path, "{\"answers\": [{\"controlPoint\": \"1.1\"}]}", "\"0\""), 400, "validation-failed");
        problem(put(mayor, path, "{\"answers\": [{\"controlPoint\": \"1.1\", \"applied\": \"peut-être\"}]}", "\"0\""), 400,
                "validation-failed");
        problem(put(mayor, path, "{\"answers\": []}", "\"0\""), 400, "validation-failed");
        problem(put(mayor, path, allAnswers(true), null), 428, "precondition-required");
        problem(put(mayor, path, allAnswers(true), "\"3\""), 412, "precondition-failed");
        JsonNode untouched = ok(get(mayor, path), 200);
        assertThat(untouched.get("answered").asInt()).isZero();
        assertThat(untouched.get("version").asLong()).isZero();
    }

    @Test
    void aDelegateOfAnotherCommuneNeitherSeesNorAnswersAndAuditorsOnlyRead() {
        Commune own = commune();
        Commune other = commune();
        HttpClient delegate = clientOf(own.delegate());
        problem(get(delegate, questionnaire(other.id())), 403, "forbidden");
        problem(put(delegate, questionnaire(other.id()), allAnswers(true), "\"0\""), 403, "forbidden");
        problem(put(delegate, questionnaire(other.id()), "{\"answers\": 7, \"unknown\": 1}", null), 403, "forbidden");
        problem(get(delegate, "/api/v1/collectivities/" + other.id() + "/findings"), 403, "forbidden");
        problem(put(clientOf(other.officer()), questionnaire(other.id()), allAnswers(true), "\"0\""), 403, "forbidden");

        TestPerson auditor = directory().person("Astrid", "AUDITRICE");
        directory().assign(auditor, Role.AUDITOR, null);
        HttpClient auditorClient = clientOf(auditor);
        assertThat(ok(get(auditorClient, questionnaire(other.id())), 200).get("answered").asInt()).isZero();
        problem(put(auditorClient, questionnaire(other.id()), allAnswers(true), "\"0\""), 403, "forbidden");
        problem(post(auditorClient, "/api/v1/collectivities/" + other.id() + "/findings", major()), 403, "forbidden");
        assertThat(count("audit_finding where collectivity_id = '" + other.id() + "'")).isZero();
        assertThat(auditEvents("compliance.questionnaire-answered", "questionnaire:" + other.id())).isZero();
    }

    @Test
    void anOpenMajorNonConformitySuspendsTheTrustRolesUntilTheLastOneIsClosed() {
        Commune commune = commune();
        HttpClient mayor = clientOf(commune.mayor());
        HttpClient delegate = clientOf(commune.delegate());
        HttpClient officer = clientOf(commune.officer());
        assertThat(check(mayor, commune.id(), "order_cards").statusCode()).isEqualTo(204);
        assertThat(check(delegate, commune.id(), "hand_over_cards").statusCode()).isEqualTo(204);

        JsonNode minor = ok(post(administratorClient(), findings(commune.id()),
                "{\"severity\": \"minor\", \"description\": \"Liste des utilisateurs non tenue à jour\", \"foundOn\": \"" + today() + "\"}"),
                201);
        assertThat(minor.get("state").asString()).isEqualTo("open");
        assertThat(check(mayor, commune.id(), "order_cards").statusCode()).isEqualTo(204);

        UUID first = id(post(administratorClient(), findings(commune.id()), major()));
        UUID second = id(post(administratorClient(), findings(commune.id()), major()));

        assertThat(trustSuspended(commune.id())).isTrue();
        problem(check(mayor, commune.id(), "order_cards"), 403, "trust-roles-suspended");
        problem(check(delegate, commune.id(), "hand_over_cards"), 403, "trust-roles-suspended");
        problem(check(delegate, commune.id(), "order_cards"), 403, "trust-roles-suspended");
        assertThat(check(officer, commune.id(), "order_cards").statusCode()).isEqualTo(204);
        assertThat(check(officer, commune.id(), "hand_over_cards").statusCode()).isEqualTo(204);
        JsonNode mayorRights = ok(get(mayor, "/api/v1/collectivities/" + commune.id() + "/permissions"), 200);
        assertThat(mayorRights.get("trustSuspended").asBoolean()).isTrue();
        assertThat(mayorRights.get("permissions").toString()).contains("answer_questionnaire").doesNotContain("order_cards");
        assertThat(ok(put(mayor, questionnaire(commune.id()), allAnswers(true), "\"0\""), 200).get("status").asString())
                .isEqualTo("compliant");

        ok(postWithIfMatch(administratorClient(), findings(commune.id()) + "/" + first + "/closure",
                "{\"closedOn\": \"" + today() + "\", \"note\": \"Postes reconfigurés\"}", "\"0\""), 200);
        assertThat(trustSuspended(commune.id())).isTrue();
        problem(check(mayor, commune.id(), "order_cards"), 403, "trust-roles-suspended");

        JsonNode closed = ok(postWithIfMatch(administratorClient(), findings(commune.id()) + "/" + second + "/closure",
                "{\"closedOn\": \"" + today() + "\"}", "\"0\""), 200);
        assertThat(closed.get("state").asString()).isEqualTo("closed");
        assertThat(trustSuspended(commune.id())).isFalse();
        assertThat(check(mayor, commune.id(), "order_cards").statusCode()).isEqualTo(204);
        assertThat(auditEvents("collectivity.trust-suspended", "collectivity:" + commune.id())).isEqualTo(1);
        assertThat(auditEvents("collectivity.trust-restored", "collectivity:" + commune.id())).isEqualTo(1);
        assertThat(ok(get(mayor, "/api/v1/collectivities/" + commune.id() + "/findings"), 200)).hasSize(3);
    }

    @Test
    void findingsAreRecordedOnceAndClosedOnce() {
        Commune commune = commune();
        String key = newKey();
        JsonNode finding = ok(postJson(administratorClient(), api(findings(commune.id())), major(), key), 201);
        HttpResponse<byte[]> replay = postJson(administratorClient(), api(findings(commune.id())), major(), key);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(replay)).isEqualTo(finding);
        // the key is bound to the collection as the server writes it, whatever the case of the UUID in the request
        HttpResponse<byte[]> upperCase = postJson(administratorClient(),
                api(findings(commune.id()).replace(commune.id().toString(), commune.id().toString().toUpperCase())), major(), key);
        assertThat(upperCase.statusCode()).isEqualTo(201);
        assertThat(upperCase.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(upperCase.headers().firstValue("Location")).hasValue(findings(commune.id()) + "/" + finding.get("id").asString());
        assertThat(count("audit_finding where collectivity_id = '" + commune.id() + "'")).isEqualTo(1);

        String closure = findings(commune.id()) + "/" + finding.get("id").asString() + "/closure";
        problem(postWithIfMatch(administratorClient(), closure, "{\"closedOn\": \"" + today().minusYears(1) + "\"}", "\"0\""),
                400, "validation-failed");
        problem(postWithIfMatch(administratorClient(), closure, "{\"closedOn\": \"" + today() + "\"}", null), 428, "precondition-required");
        ok(postWithIfMatch(administratorClient(), closure, "{\"closedOn\": \"" + today() + "\"}", "\"0\""), 200);
        problem(postWithIfMatch(administratorClient(), closure, "{\"closedOn\": \"" + today() + "\"}", "\"1\""), 409, "illegal-transition");
        Commune other = commune();
        problem(postWithIfMatch(administratorClient(), findings(other.id()) + "/" + finding.get("id").asString() + "/closure",
                "{\"closedOn\": \"" + today() + "\"}", "\"1\""), 404, "not-found");
        problem(post(administratorClient(), findings(commune.id()), "{\"severity\": \"critical\", \"description\": \"x\", \"foundOn\": \""
                + today() + "\"}"), 400, "validation-failed");
        problem(post(administratorClient(), findings(commune.id()), "{\"severity\": \"major\", \"description\": \"\", \"foundOn\": \""
                + today() + "\"}"), 400, "validation-failed");
        problem(post(clientOf(commune.mayor()), findings(commune.id()), major()), 403, "forbidden");
        assertThat(trustSuspended(commune.id())).isFalse();
    }

    @Test
    void theQuestionnaireIsForCommunes() {
        UUID armentieres = collectivityByInsee("59017");
        UUID chapelle = collectivityByInsee("59143");
        UUID grouping = id(post(administratorClient(), "/api/v1/collectivities", """
                {"kind": "municipal_police_grouping", "name": "Police intercommunale", "department": "59", "memberIds": ["%s", "%s"]}"""
                .formatted(armentieres, chapelle)));
        problem(get(administratorClient(), questionnaire(grouping)), 422, "rule-violated");
    }

    private record Commune(UUID id, TestPerson mayor, TestPerson delegate, TestPerson officer) {
    }

    private Commune commune() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Nord");
        UUID id = directory.commune("Commune", office);
        TestPerson mayor = directory.person("Bernard", "MAIRE");
        directory.assign(mayor, Role.MAYOR, id);
        TestPerson delegate = directory.person("Céline", "D'ARMENTIÈRES");
        directory.assign(delegate, Role.DELEGATE, id);
        TestPerson officer = directory.person("Omar", "OFFICIER");
        directory.assign(officer, Role.REGISTRATION_OFFICER, office);
        return new Commune(id, mayor, delegate, officer);
    }

    private HttpResponse<byte[]> check(HttpClient client, UUID collectivity, String permission) {
        return get(client, "/api/v1/collectivities/" + collectivity + "/permissions/" + permission);
    }

    private boolean trustSuspended(UUID collectivity) {
        return ok(get(administratorClient(), "/api/v1/collectivities/" + collectivity), 200).get("trustSuspended").asBoolean();
    }

    private static String questionnaire(UUID collectivity) {
        return "/api/v1/collectivities/" + collectivity + "/questionnaire";
    }

    private static String findings(UUID collectivity) {
        return "/api/v1/collectivities/" + collectivity + "/findings";
    }

    private static String major() {
        return "{\"severity\": \"major\", \"description\": \"Cartes actives laissées sur le poste, code PIN affiché\", \"foundOn\": \""
                + today() + "\"}";
    }

    private static String allAnswers(boolean applied) {
        StringJoiner answers = new StringJoiner(", ", "{\"answers\": [", "]}");
        for (GuideSsi.Measure measure : GuideSsi.MEASURES) {
            measure.controlPointIds().forEach(id -> answers.add("{\"controlPoint\": \"" + id + "\", \"applied\": " + applied + "}"));
        }
        return answers.toString();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Paris"));
    }
}
