package fr.cartesagents.ra.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * The people of the directory over the real mTLS API on the real database: names as on an identity
 * document, bad input refused field by field with nothing stored, idempotent creation, optimistic
 * locking, who sees and changes whom, and departure.
 */
class PeopleTest extends DirectoryTestBase {

    private static final String VALIDATION = "urn:cartes-agents:problem:validation-failed";

    @ParameterizedTest
    @ValueSource(strings = {"Lefèvre-Saint-Éloi", "N'Diaye", "d'Armentières", "Martin--Durand", "De La Fontaine",
            "O’Connor", "Ødegård", "  Müller  "})
    void whenTheNameIsWrittenAsOnTheIdentityDocument_thenItIsKeptExactly(String birthName) {
        UUID commune = directory().commune("Armentières", directory().office("Préfecture du Nord"));

        HttpResponse<byte[]> created = postJson(administratorClient(), people(commune),
                personJson(birthName, "Marie-Hélène, Éloïse"), newKey());

        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        JsonNode body = json(created);
        assertThat(body.get("birthName").asString()).isEqualTo(birthName.strip());
        assertThat(body.get("givenNames").asString()).isEqualTo("Marie-Hélène, Éloïse");
        assertThat(body.get("holderId").asString()).matches("AGT[0-9A-HJKMNP-TV-Z]{16}");
        assertThat(body.get("status").asString()).isEqualTo("active");
        assertThat(body.get("memberships").get(0).get("jobTitle").asString()).isEqualTo("Officier d'état civil");
        assertThat(created.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(created.headers().firstValue("Location"))
                .hasValue("/api/v1/collectivities/" + commune + "/people/" + body.get("id").asString());
    }

    @Test
    void whenANameIsWrittenWithDecomposedAccents_thenItIsStoredComposed() {
        UUID commune = directory().commune("Hénin", directory().office("Préfecture"));

        JsonNode body = json(postJson(administratorClient(), people(commune), personJson("Le\u0301ger", "Zoe\u0308"), newKey()));

        assertThat(body.get("birthName").asString()).isEqualTo("Léger");
        assertThat(body.get("givenNames").asString()).isEqualTo("Zoë");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dupont2", "Du\u0000pont", "Dupont\u200B", "", "   ", "Dupont!", "-Dupont", "Dupont-",
            "Du---pont", "Du  pont", "Du_pont", "Dupont%"})
    void whenTheBirthNameHasDigitsControlsOrPunctuationOrIsEmpty_then400NamingTheFieldAndNothingStored(String birthName) {
        UUID commune = directory().commune("Douai", directory().office("Préfecture"));
        long people = count("person");
        long audit = count("audit_event");

        HttpResponse<byte[]> refused = postJson(administratorClient(), people(commune), personJson(birthName, "Jean"), newKey());

        assertThat(refused.statusCode()).as(text(refused)).isEqualTo(400);
        assertThat(problemType(refused)).isEqualTo(VALIDATION);
        assertThat(json(refused).get("errors").findValuesAsString("field")).containsOnly("birthName");
        assertThat(count("person")).isEqualTo(people);
        assertThat(count("audit_event")).isEqualTo(audit);
    }

    @Test
    void whenEveryFieldIsWrong_thenEachIsReported() {
        UUID commune = directory().commune("Lens", directory().office("Préfecture"));
        String body = """
                {"birthName": "X".repeat, "givenNames": "Jean3", "birthDate": "1850-01-01", "birthPlace": "\\u0007",
                 "email": "pas-une-adresse", "service": "a\\u0000b", "jobTitle": "%s"}""".replace("\"X\".repeat", "\"" + "X".repeat(101) + "\"")
                .formatted("y".repeat(101));

        HttpResponse<byte[]> refused = postJson(administratorClient(), people(commune), body, newKey());

        assertThat(refused.statusCode()).as(text(refused)).isEqualTo(400);
        assertThat(json(refused).get("errors").findValuesAsString("field")).containsOnly("birthName", "givenNames",
                "birthDate", "birthPlace", "email", "service", "jobTitle");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pas-une-adresse", "jean@mairie", "jean dupont@mairie.fr", "@mairie.fr", "jean@", "a@b@c.fr"})
    void whenTheEmailIsNotAnAddress_then400OnEmail(String email) {
        UUID commune = directory().commune("Liévin", directory().office("Préfecture"));
        String body = personJson("Dupont", "Jean").replace("agent@mairie-test.fr", email);

        HttpResponse<byte[]> refused = postJson(administratorClient(), people(commune), body, newKey());

        assertThat(refused.statusCode()).as(text(refused)).isEqualTo(400);
        assertThat(json(refused).get("errors").findValuesAsString("field")).containsExactly("email");
    }

    @Test
    void whenACreationIsRetriedWithItsKey_thenTheFirstAnswerIsReplayedAndAnotherBodyIsRefused() {
        UUID commune = directory().commune("Béthune", directory().office("Préfecture"));
        String key = newKey();
        long people = count("person");

        HttpResponse<byte[]> first = postJson(administratorClient(), people(commune), personJson("Lefèvre", "Anne"), key);
        HttpResponse<byte[]> retry = postJson(administratorClient(), people(commune), personJson("Lefèvre", "Anne"), key);
        HttpResponse<byte[]> reused = postJson(administratorClient(), people(commune), personJson("Autre", "Anne"), key);
        HttpResponse<byte[]> noKey = postJson(administratorClient(), people(commune), personJson("Lefèvre", "Anne"), null);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(retry).get("id")).isEqualTo(json(first).get("id"));
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(problemType(reused)).endsWith(":idempotency-key-reused");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(count("person")).isEqualTo(people + 1);
    }

    @Test
    void whenAnUpdateComesWithoutOrWithAStaleETag_then428Or412AndWithTheRightOneItApplies() {
        UUID commune = directory().commune("Arras", directory().office("Préfecture"));
        TestPerson agent = addPerson(commune, "Paul", "Durand");
        HttpClient admin = administratorClient();
        String update = personJson("Durand-Lefèvre", "Paul").replace("État civil", "Police municipale");

        HttpResponse<byte[]> missing = put(admin, person(commune, agent.id()), update, null);
        HttpResponse<byte[]> malformed = put(admin, person(commune, agent.id()), update, "W/\"0\"");
        HttpResponse<byte[]> stale = put(admin, person(commune, agent.id()), update, "\"7\"");
        HttpResponse<byte[]> applied = put(admin, person(commune, agent.id()), update, "\"0\"");
        HttpResponse<byte[]> replayedStale = put(admin, person(commune, agent.id()), update, "\"0\"");

        assertThat(missing.statusCode()).isEqualTo(428);
        assertThat(problemType(missing)).endsWith(":precondition-required");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(problemType(stale)).endsWith(":precondition-failed");
        assertThat(applied.statusCode()).as(text(applied)).isEqualTo(200);
        assertThat(applied.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(applied).get("birthName").asString()).isEqualTo("Durand-Lefèvre");
        assertThat(json(applied).get("memberships").get(0).get("service").asString()).isEqualTo("Police municipale");
        assertThat(replayedStale.statusCode()).isEqualTo(412);
        assertThat(database.sql("select details from audit_event where action = 'directory.person-updated' and target = :t")
                .bind("t", "person:" + agent.id()).map(row -> row.get("details", String.class)).one().block())
                .contains("birthName").contains("service").doesNotContain("Durand");
    }

    @Test
    void whenADelegateOfOneCommuneTouchesAnotherCommunesPeople_thenForbiddenOrNotFound() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Nord");
        UUID communeA = directory.commune("Armentières", office);
        UUID communeB = directory.commune("La Chapelle-d'Armentières", office);
        TestPerson delegateA = directory.person("Sylvie", "GUSTIN");
        directory.assign(delegateA, Role.DELEGATE, communeA);
        TestPerson agentB = addPerson(communeB, "Arnaud", "Marie");
        HttpClient client = clientOf(delegateA);

        assertThat(read(client, person(communeB, agentB.id())).statusCode()).isEqualTo(403);
        assertThat(read(client, person(communeA, agentB.id())).statusCode()).isEqualTo(404);
        assertThat(read(client, api("/api/v1/people/" + agentB.id())).statusCode()).isEqualTo(403);
        assertThat(put(client, person(communeB, agentB.id()), personJson("Piraté", "Arnaud"), "\"0\"").statusCode())
                .isEqualTo(403);
        assertThat(put(client, person(communeA, agentB.id()), personJson("Piraté", "Arnaud"), "\"0\"").statusCode())
                .isEqualTo(404);
        assertThat(postIfMatch(client, api("/api/v1/collectivities/" + communeB + "/people/" + agentB.id() + "/departure"),
                "", "\"0\"").statusCode()).isEqualTo(403);
        assertThat(postJson(client, people(communeB), personJson("Intrus", "Jean"), newKey()).statusCode()).isEqualTo(403);
        assertThat(postJson(client, people(communeA), personJson("Légitime", "Jean"), newKey()).statusCode()).isEqualTo(201);
        assertThat(json(read(administratorClient(), person(communeB, agentB.id()))).get("birthName").asString())
                .isEqualTo("Marie");
    }

    @Test
    void whenAHolderReadsTheirOwnRecord_thenTheySeeItAndNobodyElses() {
        UUID commune = directory().commune("Moissac", directory().office("Préfecture du Tarn-et-Garonne"));
        TestPerson holder = addPerson(commune, "Jeanne", "N'Diaye");
        TestPerson colleague = addPerson(commune, "Louis", "Colin");
        HttpClient client = clientOf(holder);

        HttpResponse<byte[]> own = read(client, api("/api/v1/people/" + holder.id()));
        assertThat(own.statusCode()).as(text(own)).isEqualTo(200);
        assertThat(json(own).get("holderId").asString()).isEqualTo(holder.holderId());
        assertThat(json(own).get("memberships").get(0).get("collectivityId").asString()).isEqualTo(commune.toString());
        assertThat(read(client, person(commune, holder.id())).statusCode()).isEqualTo(200);
        assertThat(read(client, person(commune, colleague.id())).statusCode()).isEqualTo(403);
        assertThat(read(client, api("/api/v1/people/" + colleague.id())).statusCode()).isEqualTo(403);
        assertThat(put(client, person(commune, holder.id()), personJson("Changé", "Jeanne"), "\"0\"").statusCode())
                .isEqualTo(403);
    }

    @Test
    void whenAnAuditorUsesTheDirectory_thenTheyReadEverythingAndChangeNothing() {
        UUID commune = directory().commune("Aussillon", directory().office("Préfecture du Tarn"));
        TestPerson agent = addPerson(commune, "Marc", "Montagné");
        TestPerson auditor = directory().person("Alice", "AUDIT");
        directory().assign(auditor, Role.AUDITOR, null);
        HttpClient client = clientOf(auditor);

        assertThat(read(client, person(commune, agent.id())).statusCode()).isEqualTo(200);
        assertThat(read(client, api("/api/v1/people/" + agent.id())).statusCode()).isEqualTo(200);
        assertThat(postJson(client, people(commune), personJson("Nouveau", "Jean"), newKey()).statusCode()).isEqualTo(403);
        assertThat(put(client, person(commune, agent.id()), personJson("Changé", "Marc"), "\"0\"").statusCode()).isEqualTo(403);
        assertThat(postIfMatch(client, api("/api/v1/collectivities/" + commune + "/people/" + agent.id() + "/departure"),
                "", "\"0\"").statusCode()).isEqualTo(403);
    }

    @Test
    void whenAPersonDeparts_thenTheirRolesAndDelegationsEndAndEveryDepartureStepRunsInTheSameTransaction() {
        TestDirectory directory = directory();
        UUID commune = directory.commune("Mazamet", directory.office("Préfecture du Tarn"));
        UUID other = directory.commune("Castres", directory.office("Préfecture du Tarn"));
        TestPerson agent = addPerson(commune, "Cécile", "Laharie");
        directory.assign(agent, Role.DELEGATE, commune);
        directory.assign(addPerson(commune, "Autre", "Délégataire"), Role.DELEGATE, commune); // not the last delegate
        directory.assign(agent, Role.DELEGATE, other);
        insertDelegation(agent.id(), commune);
        HttpClient client = clientOf(agent);
        assertThat(text(read(client, api("/api/v1/me")))).contains("\"role\":\"delegate\",\"scope\":\"" + commune + "\"");
        String etag = etagOf(administratorClient(), person(commune, agent.id()));

        HttpResponse<byte[]> departed = postIfMatch(administratorClient(),
                api("/api/v1/collectivities/" + commune + "/people/" + agent.id() + "/departure"), "", etag);

        assertThat(departed.statusCode()).as(text(departed)).isEqualTo(200);
        // Still the delegate of the other commune: the departure ends this collectivity's memberships only.
        assertThat(json(departed).get("status").asString()).isEqualTo("active");
        LocalDate yesterday = LocalDate.now(DirectoryCalendar.FRANCE).minusDays(1);
        assertThat(endDates("role_assignment", agent.id(), commune)).hasSize(2).allMatch(yesterday::equals);
        assertThat(endDates("delegation", agent.id(), commune)).hasSize(1).allMatch(yesterday::equals);
        assertThat(endDates("role_assignment", agent.id(), other)).containsExactly((LocalDate) null);
        assertThat(auditActions("person:" + agent.id())).contains("test.departure-step", "directory.person-departed");
        assertThat(text(read(client, api("/api/v1/me")))).doesNotContain("\"scope\":\"" + commune + "\"")
                .contains("\"role\":\"delegate\",\"scope\":\"" + other + "\"");

        HttpResponse<byte[]> again = postIfMatch(administratorClient(),
                api("/api/v1/collectivities/" + commune + "/people/" + agent.id() + "/departure"), "",
                departed.headers().firstValue("ETag").orElseThrow());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(problemType(again)).endsWith(":illegal-transition");
        assertThat(put(administratorClient(), person(commune, agent.id()), personJson("Laharie", "Cécile"),
                departed.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(409);
    }

    @Test
    void whenADepartureStepFails_thenNothingOfTheDepartureIsKept() {
        UUID commune = directory().commune("Labruguière", directory().office("Préfecture du Tarn"));
        TestPerson agent = addPerson(commune, "Jos", RecordingDepartureStep.FAILING_NAME);
        insertDelegation(agent.id(), commune);

        HttpResponse<byte[]> failed = postIfMatch(administratorClient(),
                api("/api/v1/collectivities/" + commune + "/people/" + agent.id() + "/departure"), "", "\"0\"");

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(read(administratorClient(), person(commune, agent.id()))).get("status").asString()).isEqualTo("active");
        assertThat(endDates("role_assignment", agent.id(), commune)).containsExactly((LocalDate) null);
        assertThat(endDates("delegation", agent.id(), commune)).containsExactly((LocalDate) null);
        assertThat(auditActions("person:" + agent.id())).containsExactly("directory.person-created");
    }

    @Test
    void whenTheDepartureHasNoETag_then428AndThePersonStaysActive() {
        UUID commune = directory().commune("Pont-de-Larn", directory().office("Préfecture du Tarn"));
        TestPerson agent = addPerson(commune, "Rémi", "Bès");

        HttpResponse<byte[]> refused = postIfMatch(administratorClient(),
                api("/api/v1/collectivities/" + commune + "/people/" + agent.id() + "/departure"), "", null);

        assertThat(refused.statusCode()).isEqualTo(428);
        assertThat(json(read(administratorClient(), person(commune, agent.id()))).get("status").asString()).isEqualTo("active");
    }

    private void insertDelegation(UUID person, UUID commune) {
        database.sql("insert into delegation (id, person_id, collectivity_id, kind, starts_on, reference)"
                        + " values (:id, :person, :commune, 'officier_etat_civil', :starts, 'Arrêté 2024-12')")
                .bind("id", UUID.randomUUID()).bind("person", person).bind("commune", commune)
                .bind("starts", LocalDate.now().minusDays(10)).then().block();
    }

    private List<LocalDate> endDates(String table, UUID person, UUID collectivity) {
        return database.sql("select ends_on from " + table + " where person_id = :person and collectivity_id = :c")
                .bind("person", person).bind("c", collectivity)
                .map(row -> java.util.Optional.ofNullable(row.get("ends_on", LocalDate.class))).all()
                .collectList().block().stream().map(end -> end.orElse(null)).toList();
    }

    private List<String> auditActions(String target) {
        return database.sql("select action from audit_event where target = :target order by id").bind("target", target)
                .map(row -> row.get("action", String.class)).all().collectList().block();
    }
}
