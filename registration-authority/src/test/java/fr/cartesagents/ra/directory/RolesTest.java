package fr.cartesagents.ra.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * Mayors, delegates, the one-delegate rule, delegations and national roles over the real mTLS API:
 * who may appoint whom, where, and what stays refused.
 */
class RolesTest extends DirectoryTestBase {

    private static final LocalDate TODAY = LocalDate.now(DirectoryCalendar.FRANCE);

    @Test
    void whenANewMayorIsRecorded_thenThePreviousMayorsTermEndsTheDayBefore() {
        UUID commune = directory().commune("Armentières", directory().office("Préfecture du Nord"));
        TestPerson first = addPerson(commune, "Bernard", "Haesbroeck");
        TestPerson second = addPerson(commune, "Jean-Michel", "Monpays");

        HttpResponse<byte[]> designated = designateMayor(administratorClient(), commune, first.id(), null);
        HttpResponse<byte[]> successor = designateMayor(administratorClient(), commune, second.id(),
                TODAY.plusDays(3));

        assertThat(designated.statusCode()).as(text(designated)).isEqualTo(201);
        assertThat(successor.statusCode()).as(text(successor)).isEqualTo(201);
        JsonNode firstTerm = json(read(administratorClient(), URI.create(api("") + designated.headers()
                .firstValue("Location").orElseThrow())));
        assertThat(firstTerm.get("endsOn").asString()).isEqualTo(TODAY.plusDays(2).toString());
        JsonNode status = json(read(administratorClient(), status(commune)));
        assertThat(status.get("mayor").get("personId").asString()).isEqualTo(first.id().toString());
        assertThat(status.get("issues").toString()).isEqualTo("[\"no-delegate\"]");
        assertThat(designateMayor(administratorClient(), commune, second.id(), TODAY.plusDays(4)).statusCode()).isEqualTo(409);
    }

    @Test
    void whenSomeoneOtherThanANationalAdministratorRecordsAMayor_thenForbidden() {
        TestDirectory directory = directory();
        UUID commune = directory.commune("Moissac", directory.office("Préfecture"));
        TestPerson agent = addPerson(commune, "Romain", "Lopez");
        TestPerson mayor = addPerson(commune, "Jean-Michel", "Henryot");
        designateMayor(administratorClient(), commune, mayor.id(), null);

        HttpResponse<byte[]> refused = designateMayor(clientOf(mayor), commune, agent.id(), null);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(read(administratorClient(), status(commune))).get("mayor").get("personId").asString())
                .isEqualTo(mayor.id().toString());
    }

    @Test
    void whenTheMayorOrDelegateIsNotAnAgentOfTheCommune_then422() {
        UUID office = directory().office("Préfecture");
        UUID commune = directory().commune("Castres", office);
        UUID elsewhere = directory().commune("Albi", office);
        TestPerson stranger = addPerson(elsewhere, "Paul", "Étranger");
        UUID epci = UUID.randomUUID();
        database.sql("insert into collectivity (id, kind, name, department) values (:id, 'epci', 'CA Castres-Mazamet', '81')")
                .bind("id", epci).then().block();

        HttpResponse<byte[]> mayor = designateMayor(administratorClient(), commune, stranger.id(), null);
        HttpResponse<byte[]> delegate = appointDelegate(administratorClient(), commune, stranger.id());
        HttpResponse<byte[]> notCommune = designateMayor(administratorClient(), epci, stranger.id(), null);
        HttpResponse<byte[]> past = designateMayor(administratorClient(), elsewhere, stranger.id(), TODAY.minusDays(1));

        assertThat(mayor.statusCode()).isEqualTo(422);
        assertThat(problemType(mayor)).endsWith(":rule-violated");
        assertThat(delegate.statusCode()).isEqualTo(422);
        assertThat(notCommune.statusCode()).isEqualTo(422);
        assertThat(past.statusCode()).isEqualTo(422);
        assertThat(json(read(administratorClient(), api("/api/v1/collectivities/" + commune + "/roles"))).size()).isZero();
    }

    @Test
    void whenTheMayorAppointsDelegates_thenOnlyInTheirCommuneAndTheLastOneStaysUnlessTheMayorManagesCards() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Tarn");
        UUID commune = directory.commune("Aussillon", office);
        UUID other = directory.commune("Mazamet", office);
        TestPerson mayorPerson = addPerson(commune, "Fabrice", "Cabral");
        designateMayor(administratorClient(), commune, mayorPerson.id(), null);
        TestPerson first = addPerson(commune, "Marc", "Montagné");
        TestPerson second = addPerson(commune, "Cécile", "Laharie");
        TestPerson otherAgent = addPerson(other, "Jos", "Autre");
        HttpClient mayor = clientOf(mayorPerson);
        assertThat(json(read(mayor, status(commune))).get("issues").toString()).isEqualTo("[\"no-delegate\"]");

        HttpResponse<byte[]> firstAppointed = appointDelegate(mayor, commune, first.id());
        assertThat(firstAppointed.statusCode()).as(text(firstAppointed)).isEqualTo(201);
        assertThat(appointDelegate(mayor, commune, first.id()).statusCode()).isEqualTo(409);
        assertThat(appointDelegate(mayor, other, otherAgent.id()).statusCode()).isEqualTo(403);
        assertThat(appointDelegate(clientOf(first), commune, second.id()).statusCode()).isEqualTo(403);
        String firstId = json(firstAppointed).get("id").asString();
        URI dismissFirst = api("/api/v1/collectivities/" + commune + "/delegates/" + firstId + "/dismissal");

        HttpResponse<byte[]> noETag = postIfMatch(mayor, dismissFirst, "", null);
        HttpResponse<byte[]> lastOne = postIfMatch(mayor, dismissFirst, "", "\"0\"");
        assertThat(noETag.statusCode()).isEqualTo(428);
        assertThat(lastOne.statusCode()).isEqualTo(422);
        assertThat(problemType(lastOne)).endsWith(":rule-violated");
        assertThat(json(lastOne).get("detail").asString()).contains("last delegate");
        assertThat(json(read(mayor, status(commune))).get("delegates").size()).isEqualTo(1);

        assertThat(appointDelegate(mayor, commune, second.id()).statusCode()).isEqualTo(201);
        assertThat(postIfMatch(mayor, dismissFirst, "", "\"5\"").statusCode()).isEqualTo(412);
        HttpResponse<byte[]> dismissed = postIfMatch(mayor, dismissFirst, "", "\"0\"");
        assertThat(dismissed.statusCode()).as(text(dismissed)).isEqualTo(200);
        assertThat(json(dismissed).get("endsOn").asString()).isEqualTo(TODAY.minusDays(1).toString());
        assertThat(text(read(clientOf(first), api("/api/v1/me")))).doesNotContain("\"delegate\"");
        assertThat(postIfMatch(mayor, dismissFirst, "", "\"1\"").statusCode()).isEqualTo(409);

        String secondId = json(read(mayor, status(commune))).get("delegates").get(0).get("id").asString();
        URI dismissSecond = api("/api/v1/collectivities/" + commune + "/delegates/" + secondId + "/dismissal");
        assertThat(postIfMatch(mayor, dismissSecond, "", "\"0\"").statusCode()).isEqualTo(422);
        database.sql("update collectivity set mayor_manages_cards = true where id = :id").bind("id", commune).then().block();
        assertThat(postIfMatch(mayor, dismissSecond, "", "\"0\"").statusCode()).isEqualTo(200);
        JsonNode status = json(read(mayor, status(commune)));
        assertThat(status.get("delegates").size()).isZero();
        assertThat(status.get("cardManagementAssured").asBoolean()).isTrue();
        assertThat(status.get("issues").size()).isZero();
    }

    @Test
    void whenADelegateOfAnotherCommuneSendsNoIfMatchOrABadBody_thenForbiddenBeforeAnyOtherCheckAndNothingChanges() {
        UUID office = directory().office("Préfecture du Tarn");
        UUID communeA = directory().commune("Lacaune", office);
        UUID communeB = directory().commune("Murat-sur-Vèbre", office);
        TestPerson mayorA = addPerson(communeA, "Anne", "Lefèvre-Saint-Éloi");
        designateMayor(administratorClient(), communeA, mayorA.id(), null);
        TestPerson delegateA = addPerson(communeA, "Marc", "N'Diaye");
        HttpClient mayor = clientOf(mayorA);
        String dismissal = "/api/v1/collectivities/" + communeA + "/delegates/"
                + json(appointDelegate(mayor, communeA, delegateA.id())).get("id").asString() + "/dismissal";
        HttpResponse<byte[]> recorded = postJson(mayor, api("/api/v1/collectivities/" + communeA + "/delegations"), """
                {"personId": "%s", "kind": "officier_etat_civil", "reference": "Arrêté n° 12"}""".formatted(delegateA.id()), newKey());
        String delegationEnd = "/api/v1/collectivities/" + communeA + "/delegations/" + json(recorded).get("id").asString() + "/end";
        TestPerson mayorB = addPerson(communeB, "Paul", "d'Armentières");
        designateMayor(administratorClient(), communeB, mayorB.id(), null);
        TestPerson delegateB = addPerson(communeB, "Lucie", "Bès");
        appointDelegate(clientOf(mayorB), communeB, delegateB.id());
        HttpClient intruder = clientOf(delegateB);
        String badEnd = "{\"endsOn\": \"not-a-date\", \"unknown\": 1}";
        URI personA = person(communeA, delegateA.id());

        for (HttpResponse<byte[]> refused : java.util.List.of(
                postIfMatch(intruder, api(dismissal), "", null),
                postIfMatch(intruder, api(dismissal), badEnd, "\"0\""),
                postIfMatch(intruder, api(delegationEnd), badEnd, null),
                postIfMatch(intruder, URI.create(personA + "/departure"), "", null),
                put(intruder, personA, "{\"birthName\": 42}", null),
                postJson(intruder, people(communeA), "{\"birthName\": 42}", null),
                postJson(intruder, api("/api/v1/collectivities/" + communeA + "/delegates"), "{\"personId\": 1}", newKey()),
                postJson(intruder, api("/api/v1/collectivities/" + communeA + "/delegations"), "{\"kind\": ", newKey()))) {
            assertThat(refused.statusCode()).as(text(refused)).isEqualTo(403);
            assertThat(problemType(refused)).endsWith(":forbidden");
        }
        JsonNode unchanged = json(read(mayor, personA));
        assertThat(unchanged.get("status").asString()).isEqualTo("active");
        assertThat(unchanged.get("birthName").asString()).isEqualTo("N'Diaye");
        assertThat(json(read(mayor, status(communeA))).get("delegates").size()).isEqualTo(1);
        assertThat(json(read(mayor, api(delegationEnd.replace("/end", "")))).get("endsOn").isNull()).isTrue();
        assertThat(json(read(mayor, api("/api/v1/collectivities/" + communeA + "/delegations"))).size()).isEqualTo(1);
    }

    @Test
    void whenTheMayorRecordsADelegation_thenItIsKeptWithItsArreteAndEndsWithIfMatch() {
        UUID commune = directory().commune("Labruguière", directory().office("Préfecture du Tarn"));
        TestPerson mayorPerson = addPerson(commune, "Fabrice", "Cabral");
        designateMayor(administratorClient(), commune, mayorPerson.id(), null);
        TestPerson officer = addPerson(commune, "Josiane", "Bès");
        HttpClient mayor = clientOf(mayorPerson);
        URI delegations = api("/api/v1/collectivities/" + commune + "/delegations");
        String body = """
                {"personId": "%s", "kind": "officier_etat_civil", "reference": "Arrêté n° 2024-117"}""".formatted(officer.id());

        HttpResponse<byte[]> recorded = postJson(mayor, delegations, body, newKey());
        HttpResponse<byte[]> duplicate = postJson(mayor, delegations, body, newKey());
        HttpResponse<byte[]> unknownKind = postJson(mayor, delegations, body.replace("officier_etat_civil", "pape"), newKey());
        HttpResponse<byte[]> noReference = postJson(mayor, delegations,
                body.replace("Arrêté n° 2024-117", " "), newKey());

        assertThat(recorded.statusCode()).as(text(recorded)).isEqualTo(201);
        JsonNode delegation = json(recorded);
        assertThat(delegation.get("decidedBy").asString()).isEqualTo(mayorPerson.id().toString());
        assertThat(delegation.get("startsOn").asString()).isEqualTo(TODAY.toString());
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(unknownKind.statusCode()).isEqualTo(400);
        assertThat(json(unknownKind).get("errors").findValuesAsString("field")).containsExactly("kind");
        assertThat(noReference.statusCode()).isEqualTo(400);
        assertThat(json(read(administratorClient(), person(commune, officer.id()))).get("memberships").get(0)
                .get("delegations").get(0).asString()).isEqualTo("officier_etat_civil");

        URI end = api("/api/v1/collectivities/" + commune + "/delegations/" + delegation.get("id").asString() + "/end");
        assertThat(postIfMatch(clientOf(officer), end, "", "\"0\"").statusCode()).isEqualTo(403);
        HttpResponse<byte[]> ended = postIfMatch(mayor, end, "", "\"0\"");
        assertThat(ended.statusCode()).as(text(ended)).isEqualTo(200);
        assertThat(json(ended).get("endsOn").asString()).isEqualTo(TODAY.minusDays(1).toString());
        assertThat(json(read(mayor, delegations)).size()).isEqualTo(1);
    }

    @Test
    void whenANationalAdministratorGivesNationalRoles_thenTheyApplyAndOnlyTheyMayDoIt() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture de l'Hérault");
        HttpResponse<byte[]> staff = postJson(administratorClient(), api("/api/v1/people"),
                personJson("Auditrice", "Hélène"), newKey());
        assertThat(staff.statusCode()).as(text(staff)).isEqualTo(201);
        JsonNode person = json(staff);
        TestPerson auditor = new TestPerson(UUID.fromString(person.get("id").asString()), person.get("holderId").asString(),
                "Hélène", "Auditrice");
        URI roles = api("/api/v1/national-roles");

        HttpResponse<byte[]> given = postJson(administratorClient(), roles,
                "{\"personId\": \"%s\", \"role\": \"auditor\"}".formatted(auditor.id()), newKey());
        HttpResponse<byte[]> officerWithoutOffice = postJson(administratorClient(), roles,
                "{\"personId\": \"%s\", \"role\": \"registration_officer\"}".formatted(auditor.id()), newKey());
        HttpResponse<byte[]> auditorWithOffice = postJson(administratorClient(), roles,
                "{\"personId\": \"%s\", \"role\": \"auditor\", \"registrationOfficeId\": \"%s\"}".formatted(auditor.id(), office),
                newKey());

        assertThat(given.statusCode()).as(text(given)).isEqualTo(201);
        assertThat(officerWithoutOffice.statusCode()).isEqualTo(400);
        assertThat(auditorWithOffice.statusCode()).isEqualTo(400);
        HttpClient client = clientOf(auditor);
        assertThat(text(read(client, api("/api/v1/me")))).contains("\"auditor\"");
        assertThat(read(client, roles).statusCode()).isEqualTo(200);
        assertThat(postJson(client, roles, "{\"personId\": \"%s\", \"role\": \"national_administrator\"}"
                .formatted(auditor.id()), newKey()).statusCode()).isEqualTo(403);
        assertThat(postJson(client, api("/api/v1/people"), personJson("Autre", "Jean"), newKey()).statusCode()).isEqualTo(403);

        URI end = api("/api/v1/national-roles/" + json(given).get("id").asString() + "/end");
        assertThat(postIfMatch(client, end, "", "\"0\"").statusCode()).isEqualTo(403);
        assertThat(postIfMatch(administratorClient(), end, "", "\"0\"").statusCode()).isEqualTo(200);
        assertThat(text(read(client, api("/api/v1/me")))).doesNotContain("\"auditor\"");
    }

    @Test
    void whenARegistrationOfficerIsAttachedToAnOffice_thenTheyManageItsCommunesOnly() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Nord");
        UUID served = directory.commune("Lille", office);
        UUID notServed = directory.commune("Nîmes", directory.office("Préfecture du Gard"));
        TestPerson officer = directory.person("Agnès", "GUICHET");
        HttpResponse<byte[]> given = postJson(administratorClient(), api("/api/v1/national-roles"),
                "{\"personId\": \"%s\", \"role\": \"registration_officer\", \"registrationOfficeId\": \"%s\"}"
                        .formatted(officer.id(), office), newKey());
        assertThat(given.statusCode()).as(text(given)).isEqualTo(201);
        HttpClient client = clientOf(officer);

        assertThat(postJson(client, people(served), personJson("Servie", "Anne"), newKey()).statusCode()).isEqualTo(201);
        assertThat(postJson(client, people(notServed), personJson("Pas-Servie", "Anne"), newKey()).statusCode()).isEqualTo(403);
    }

    private URI status(UUID collectivity) {
        return api("/api/v1/collectivities/" + collectivity + "/directory-status");
    }

    private HttpResponse<byte[]> designateMayor(HttpClient client, UUID commune, UUID person, LocalDate startsOn) {
        String body = startsOn == null ? "{\"personId\": \"%s\"}".formatted(person)
                : "{\"personId\": \"%s\", \"startsOn\": \"%s\"}".formatted(person, startsOn);
        return postJson(client, api("/api/v1/collectivities/" + commune + "/mayor"), body, newKey());
    }

    private HttpResponse<byte[]> appointDelegate(HttpClient client, UUID collectivity, UUID person) {
        return postJson(client, api("/api/v1/collectivities/" + collectivity + "/delegates"),
                "{\"personId\": \"%s\"}".formatted(person), newKey());
    }

}
