package fr.cartesagents.ra.convention;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ra.collectivity.TerritoryApiTest;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * Conventions over real mTLS HTTP on the real database: the state machine (allowed and refused
 * moves), the COMEDEC → CARTES cascade in one transaction, the 3 months' notice, the term, ETags,
 * idempotent creation, and who may read or change what.
 */
class ConventionApiTest extends TerritoryApiTest {

    private static final String BASE = "/api/v1/conventions";

    @Autowired
    ConventionService service;

    @Test
    void aConventionGoesFromDraftToSignedToActiveAndIsSuspendedAndReactivated() {
        UUID commune = commune();
        HttpResponse<byte[]> created = post(administratorClient(), BASE, cartes(commune));
        JsonNode draft = ok(created, 201);
        assertThat(draft.get("state").asString()).isEqualTo("draft");
        assertThat(draft.get("currentPeriodStart").isNull()).isTrue();
        UUID id = UUID.fromString(draft.get("id").asString());

        LocalDate signedOn = today().minusDays(1);
        JsonNode signed = move(id, "\"0\"", "{\"action\": \"sign\", \"on\": \"" + signedOn + "\"}");
        assertThat(signed.get("state").asString()).isEqualTo("signed");
        assertThat(signed.get("signedOn").asString()).isEqualTo(signedOn.toString());
        assertThat(signed.get("currentPeriodStart").asString()).isEqualTo(signedOn.toString());
        assertThat(signed.get("currentPeriodEnd").asString()).isEqualTo(signedOn.plusYears(6).minusDays(1).toString());
        assertThat(move(id, "\"1\"", "{\"action\": \"activate\"}").get("state").asString()).isEqualTo("active");
        assertThat(move(id, "\"2\"", "{\"action\": \"suspend\", \"reason\": \"Non-respect des obligations\"}").get("state").asString())
                .isEqualTo("suspended");
        JsonNode reactivated = move(id, "\"3\"", "{\"action\": \"reactivate\"}");
        assertThat(reactivated.get("state").asString()).isEqualTo("active");
        assertThat(reactivated.get("version").asLong()).isEqualTo(4);
        for (String action : new String[] {"created", "sign", "activate", "suspend", "reactivate"}) {
            assertThat(auditEvents("convention." + action, "convention:" + id)).as(action).isEqualTo(1);
        }
    }

    @Test
    void illegalMovesAre409AndChangeNothing() {
        UUID id = created(cartes(commune()));
        problem(postWithIfMatch(administratorClient(), BASE + "/" + id + "/transitions", "{\"action\": \"activate\"}", "\"0\""),
                409, "illegal-transition");
        problem(postWithIfMatch(administratorClient(), BASE + "/" + id + "/transitions", "{\"action\": \"reactivate\"}", "\"0\""),
                409, "illegal-transition");
        problem(postWithIfMatch(administratorClient(), BASE + "/" + id + "/transitions", "{\"action\": \"suspend\"}", "\"0\""),
                409, "illegal-transition");
        move(id, "\"0\"", "{\"action\": \"sign\"}");
        problem(postWithIfMatch(administratorClient(), BASE + "/" + id + "/transitions", "{\"action\": \"sign\"}", "\"1\""),
                409, "illegal-transition");
        problem(postWithIfMatch(administratorClient(), BASE + "/" + id + "/transitions", "{\"action\": \"terminate\"}", "\"1\""),
                400, "validation-failed");
        JsonNode unchanged = ok(get(administratorClient(), BASE + "/" + id), 200);
        assertThat(unchanged.get("state").asString()).isEqualTo("signed");
        assertThat(unchanged.get("version").asLong()).isEqualTo(1);
        assertThat(auditEvents("convention.activate", "convention:" + id)).isZero();
    }

    @Test
    void transitionsNeedTheCurrentETag() {
        UUID id = created(cartes(commune()));
        problem(postWithIfMatch(administratorClient(), BASE + "/" + id + "/transitions", "{\"action\": \"sign\"}", null),
                428, "precondition-required");
        problem(postWithIfMatch(administratorClient(), BASE + "/" + id + "/transitions", "{\"action\": \"sign\"}", "\"5\""),
                412, "precondition-failed");
        problem(put(administratorClient(), BASE + "/" + id + "/annex", "{\"delegateIds\": [], \"officers\": 2}", null),
                428, "precondition-required");
        assertThat(ok(get(administratorClient(), BASE + "/" + id), 200).get("state").asString()).isEqualTo("draft");
    }

    @Test
    void suspendingComedecSuspendsTheCartesConventionAtOnceAndReactivatingItLiftsThatSuspension() {
        UUID commune = commune();
        UUID neighbour = commune();
        UUID cartes = active(cartes(commune));
        UUID comedec = active(convention("comedec", commune));
        UUID pve = active(convention("pve", commune));
        UUID otherCartes = active(cartes(neighbour));

        move(comedec, "\"2\"", "{\"action\": \"suspend\"}");

        JsonNode suspended = ok(get(administratorClient(), BASE + "/" + cartes), 200);
        assertThat(suspended.get("state").asString()).isEqualTo("suspended");
        assertThat(suspended.get("suspendedByConventionId").asString()).isEqualTo(comedec.toString());
        assertThat(auditEvents("convention.suspended", "convention:" + cartes)).isEqualTo(1);
        assertThat(state(pve)).isEqualTo("active");
        assertThat(state(otherCartes)).isEqualTo("active");
        problem(postWithIfMatch(administratorClient(), BASE + "/" + cartes + "/transitions", "{\"action\": \"reactivate\"}", "\"3\""),
                422, "rule-violated");

        move(comedec, "\"3\"", "{\"action\": \"reactivate\"}");
        JsonNode lifted = ok(get(administratorClient(), BASE + "/" + cartes), 200);
        assertThat(lifted.get("state").asString()).isEqualTo("active");
        assertThat(lifted.get("suspendedByConventionId").isNull()).isTrue();
    }

    @Test
    void aCartesConventionSuspendedOnItsOwnStaysSuspendedWhenComedecComesBack() {
        UUID commune = commune();
        UUID cartes = active(cartes(commune));
        UUID comedec = active(convention("comedec", commune));
        move(cartes, "\"2\"", "{\"action\": \"suspend\"}");
        move(comedec, "\"2\"", "{\"action\": \"suspend\"}");
        move(comedec, "\"3\"", "{\"action\": \"reactivate\"}");
        assertThat(state(cartes)).isEqualTo("suspended");
    }

    @Test
    void aTerminationTakesEffectAfterThreeMonthsNoticeAndATerminatedComedecSuspendsCartes() {
        UUID commune = commune();
        UUID cartes = active(cartes(commune));
        UUID comedec = active(convention("comedec", commune));
        LocalDate requested = today();

        JsonNode notice = move(comedec, "\"2\"", "{\"action\": \"request_termination\"}");
        assertThat(notice.get("state").asString()).isEqualTo("termination_requested");
        assertThat(notice.get("terminatesOn").asString()).isEqualTo(requested.plusMonths(3).toString());
        assertThat(state(cartes)).isEqualTo("active");

        service.terminateDue(requested.plusMonths(3).minusDays(1)).block();
        assertThat(state(comedec)).isEqualTo("termination_requested");
        service.terminateDue(requested.plusMonths(3)).block();
        assertThat(state(comedec)).isEqualTo("terminated");
        assertThat(state(cartes)).isEqualTo("suspended");
        assertThat(auditEvents("convention.terminated", "convention:" + comedec)).isEqualTo(1);
        service.terminateDue(requested.plusMonths(4)).block();
        assertThat(auditEvents("convention.terminated", "convention:" + comedec)).isEqualTo(1);
        problem(postWithIfMatch(administratorClient(), BASE + "/" + comedec + "/transitions", "{\"action\": \"reactivate\"}",
                etag(get(administratorClient(), BASE + "/" + comedec))), 409, "illegal-transition");
    }

    @Test
    void creatingIsIdempotent() {
        String body = cartes(commune());
        String key = newKey();
        JsonNode first = ok(postJson(administratorClient(), api(BASE), body, key), 201);
        HttpResponse<byte[]> replay = postJson(administratorClient(), api(BASE), body, key);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(json(replay)).isEqualTo(first);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        problem(postJson(administratorClient(), api(BASE), cartes(commune()), key), 422, "idempotency-key-reused");
        problem(postJson(administratorClient(), api(BASE), body, null), 400, "idempotency-key-missing");
        assertThat(auditEvents("convention.created", "convention:" + first.get("id").asString())).isEqualTo(1);
    }

    @Test
    void thePveConventionOfTheSharedMunicipalPoliceBindsBothCommunes() {
        UUID armentieres = collectivityByInsee("59017");
        UUID chapelle = collectivityByInsee("59143");
        JsonNode pve = ok(post(administratorClient(), BASE, """
                {"kind": "pve", "partyIds": ["%s", "%s"], "reference": "DE22.121"}""".formatted(armentieres, chapelle)), 201);
        assertThat(pve.get("partyIds")).hasSize(2);
        problem(post(administratorClient(), BASE, """
                {"kind": "cartes", "partyIds": ["%s", "%s"]}""".formatted(armentieres, chapelle)), 422, "rule-violated");
        UUID grouping = id(post(administratorClient(), "/api/v1/collectivities", """
                {"kind": "municipal_police_grouping", "name": "Police mutualisée", "department": "59", "memberIds": ["%s", "%s"]}"""
                .formatted(armentieres, chapelle)));
        problem(post(administratorClient(), BASE, "{\"kind\": \"pve\", \"partyIds\": [\"" + grouping + "\"]}"), 422, "rule-violated");
    }

    @Test
    void theAnnexNamesDelegatesOfThePartiesAndTheSizeOfTheSite() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture");
        UUID commune = directory.commune("Moissac", office);
        TestPerson delegate = directory.person("Hélène", "N'GUYEN-LEFÈVRE");
        directory.assign(delegate, Role.DELEGATE, commune);
        TestPerson stranger = directory.person("Paul", "ÉTRANGER");
        UUID id = created(cartes(commune));

        JsonNode annex = ok(put(administratorClient(), BASE + "/" + id + "/annex", """
                {"delegateIds": ["%s"], "officers": 3, "agents": 5, "workstations": 2}""".formatted(delegate.id()), "\"0\""), 200);
        assertThat(annex.get("annex").get("delegateIds").get(0).asString()).isEqualTo(delegate.id().toString());
        assertThat(annex.get("annex").get("workstations").asInt()).isEqualTo(2);
        problem(put(administratorClient(), BASE + "/" + id + "/annex", """
                {"delegateIds": ["%s"], "officers": 3}""".formatted(stranger.id()), "\"1\""), 422, "rule-violated");
        problem(put(administratorClient(), BASE + "/" + id + "/annex", "{\"delegateIds\": [], \"officers\": -1}", "\"1\""),
                400, "validation-failed");
        problem(put(administratorClient(), BASE + "/" + id + "/annex", "{\"delegateIds\": [], \"officers\": \"trois\"}", "\"1\""),
                400, "validation-failed");
        assertThat(ok(get(administratorClient(), BASE + "/" + id), 200).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void partiesReadTheirConventionsAndOnlyNationalAdministratorsChangeThem() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture");
        UUID own = directory.commune("Commune A", office);
        UUID other = directory.commune("Commune B", directory.office("Autre préfecture"));
        TestPerson delegate = directory.person("Zoé", "DÉLÉGUÉE");
        directory.assign(delegate, Role.DELEGATE, own);
        TestPerson officer = directory.person("Omar", "OFFICIER");
        directory.assign(officer, Role.REGISTRATION_OFFICER, office);
        TestPerson auditor = directory.person("Alice", "AUDITRICE");
        directory.assign(auditor, Role.AUDITOR, null);
        UUID mine = created(cartes(own));
        UUID theirs = created(cartes(other));
        HttpClient delegateClient = clientOf(delegate);

        JsonNode list = ok(get(delegateClient, BASE + "?size=200"), 200);
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("id").asString()).isEqualTo(mine.toString());
        assertThat(ok(get(delegateClient, BASE + "/" + mine), 200).get("state").asString()).isEqualTo("draft");
        problem(get(delegateClient, BASE + "/" + theirs), 403, "forbidden");
        problem(get(delegateClient, BASE + "?collectivityId=" + other), 403, "forbidden");
        problem(postWithIfMatch(delegateClient, BASE + "/" + mine + "/transitions", "{\"action\": \"sign\"}", "\"0\""), 403, "forbidden");
        problem(post(delegateClient, BASE, cartes(own)), 403, "forbidden");
        assertThat(ok(get(clientOf(officer), BASE + "/" + mine), 200).get("id").asString()).isEqualTo(mine.toString());
        problem(get(clientOf(officer), BASE + "/" + theirs), 403, "forbidden");

        HttpClient auditorClient = clientOf(auditor);
        assertThat(ok(get(auditorClient, BASE + "/" + theirs), 200).get("id").asString()).isEqualTo(theirs.toString());
        problem(postWithIfMatch(auditorClient, BASE + "/" + theirs + "/transitions", "{\"action\": \"sign\"}", "\"0\""), 403, "forbidden");
        problem(put(auditorClient, BASE + "/" + theirs + "/annex", "{\"delegateIds\": []}", "\"0\""), 403, "forbidden");
        assertThat(state(mine)).isEqualTo("draft");
        assertThat(state(theirs)).isEqualTo("draft");
        problem(get(administratorClient(), BASE + "/" + UUID.randomUUID()), 404, "not-found");
    }

    @Test
    void badInputIsRefused() {
        UUID commune = commune();
        long before = count("convention");
        problem(post(administratorClient(), BASE, "{\"kind\": \"cartes\", \"partyIds\": [\"" + commune + "\"], \"sponsor\": \"x\"}"),
                400, "validation-failed");
        problem(post(administratorClient(), BASE, "{\"kind\": \"actes\", \"partyIds\": [\"" + commune + "\"]}"), 400, "validation-failed");
        problem(post(administratorClient(), BASE, "{\"kind\": \"cartes\", \"partyIds\": []}"), 400, "validation-failed");
        problem(post(administratorClient(), BASE, "{\"kind\": \"cartes\", \"partyIds\": \"" + commune + "\"}"), 400, "validation-failed");
        problem(post(administratorClient(), BASE, "{\"kind\": \"cartes\", \"partyIds\": [\"pas-un-uuid\"]}"), 400, "validation-failed");
        problem(post(administratorClient(), BASE, "{\"kind\": \"cartes\", \"partyIds\": [\"" + UUID.randomUUID() + "\"]}"),
                422, "rule-violated");
        assertThat(count("convention")).isEqualTo(before);
        UUID id = created(cartes(commune));
        problem(postWithIfMatch(administratorClient(), BASE + "/" + id + "/transitions",
                "{\"action\": \"sign\", \"on\": \"" + today().plusDays(2) + "\"}", "\"0\""), 400, "validation-failed");
        problem(postWithIfMatch(administratorClient(), BASE + "/" + id + "/transitions",
                "{\"action\": \"sign\", \"on\": \"15/03/2019\"}", "\"0\""), 400, "validation-failed");
        problem(get(administratorClient(), BASE + "?state=unknown"), 400, "validation-failed");
        assertThat(state(id)).isEqualTo("draft");
    }

    private UUID commune() {
        return directory().commune("Commune", directory().office("Préfecture"));
    }

    private static String cartes(UUID commune) {
        return convention("cartes", commune);
    }

    private static String convention(String kind, UUID commune) {
        return "{\"kind\": \"" + kind + "\", \"partyIds\": [\"" + commune + "\"]}";
    }

    private UUID created(String body) {
        return id(post(administratorClient(), BASE, body));
    }

    /** Drafted, signed, activated: version 2. */
    private UUID active(String body) {
        UUID id = created(body);
        move(id, "\"0\"", "{\"action\": \"sign\"}");
        move(id, "\"1\"", "{\"action\": \"activate\"}");
        return id;
    }

    private JsonNode move(UUID id, String ifMatch, String transition) {
        HttpResponse<byte[]> response = postWithIfMatch(administratorClient(), BASE + "/" + id + "/transitions", transition, ifMatch);
        JsonNode view = ok(response, 200);
        assertThat(etag(response)).isEqualTo("\"" + view.get("version").asLong() + "\"");
        return view;
    }

    private String state(UUID id) {
        return database.sql("select state from convention where id = :id").bind("id", id)
                .map(row -> row.get("state", String.class)).one().block();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Paris"));
    }
}
