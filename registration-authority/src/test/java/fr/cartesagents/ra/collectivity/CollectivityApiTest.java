package fr.cartesagents.ra.collectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * Collectivities over real mTLS HTTP on the real database, with the Nord communes of the official
 * reference data the demo start loads: search and read within the caller's scope, reference data
 * changed by national administrators only, with ETags, idempotency keys and audit events.
 */
class CollectivityApiTest extends TerritoryApiTest {

    private static final String BASE = "/api/v1/collectivities";

    @Test
    void theDemoStartLoadedTheRealCommunesOfTheNord() {
        JsonNode page = ok(get(administratorClient(), BASE + "?insee=59017"), 200);
        assertThat(page.get("total").asLong()).isEqualTo(1);
        JsonNode armentieres = page.get("items").get(0);
        assertThat(armentieres.get("name").asString()).isEqualTo("Armentières");
        assertThat(armentieres.get("siren").asString()).isEqualTo("215900176");
        assertThat(armentieres.get("department").asString()).isEqualTo("59");

        JsonNode nord = ok(get(administratorClient(), BASE + "?department=59&kind=commune&size=1"), 200);
        assertThat(nord.get("total").asLong()).isGreaterThanOrEqualTo(647);
        JsonNode epci = ok(get(administratorClient(), BASE + "?kind=epci&name=metropole%20europeenne"), 200);
        assertThat(epci.get("items").get(0).get("name").asString()).isEqualTo("Métropole Européenne de Lille");
        assertThat(epci.get("items").get(0).get("memberIds").size()).isGreaterThan(90);
    }

    @Test
    void aNameSearchIgnoresAccentsCaseApostrophesAndHyphens() {
        JsonNode page = ok(get(administratorClient(), BASE + "?name=la%20chapelle%20d%20armentieres&size=200"), 200);
        assertThat(page.get("items").valueStream().map(item -> item.get("inseeCode").asString() + " " + item.get("name").asString()))
                .contains("59143 La Chapelle-d'Armentières")
                .allSatisfy(found -> assertThat(found).contains("La Chapelle-d'Armentières"));

        JsonNode paged = ok(get(administratorClient(), BASE + "?department=59&kind=commune&page=1&size=10"), 200);
        assertThat(paged.get("items").size()).isEqualTo(10);
        assertThat(paged.get("page").asInt()).isEqualTo(1);
    }

    @Test
    void aDelegateSeesOnlyTheirOwnCommune() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Nord");
        UUID own = directory.commune("Commune A", office);
        UUID other = directory.commune("Commune B", office);
        TestPerson delegate = directory.person("Zoé", "N'DIAYE");
        directory.assign(delegate, Role.DELEGATE, own);
        HttpClient client = clientOf(delegate);

        JsonNode page = ok(get(client, BASE + "?department=59&size=200"), 200);
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(own.toString());
        HttpResponse<byte[]> mine = get(client, BASE + "/" + own);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(etag(mine)).isEqualTo("\"0\"");
        problem(get(client, BASE + "/" + other), 403, "forbidden");
        problem(get(client, BASE + "/" + UUID.randomUUID()), 404, "collectivity-not-found");
    }

    @Test
    void aRegistrationOfficerSeesTheCollectivitiesTheirOfficeServes() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Pas-de-Calais");
        UUID served = directory.commune("Servie", office);
        TestPerson officer = directory.person("Paul", "OFFICIER");
        directory.assign(officer, Role.REGISTRATION_OFFICER, office);
        HttpClient client = clientOf(officer);

        JsonNode page = ok(get(client, BASE + "?size=200"), 200);
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(served.toString());
        JsonNode offices = ok(get(client, "/api/v1/registration-offices"), 200);
        assertThat(offices.size()).isEqualTo(1);
        assertThat(offices.get(0).get("id").asString()).isEqualTo(office.toString());
    }

    @Test
    void anAdministratorCreatesACommuneOnceWhateverTheRetries() {
        String body = """
                {"kind": "commune", "inseeCode": "2A004", "siren": "%s", "name": "Ajaccio-Test"}""".formatted(sirenNotInUse());
        String key = newKey();
        HttpResponse<byte[]> created = postJson(administratorClient(), api(BASE), body, key);
        JsonNode commune = ok(created, 201);
        assertThat(commune.get("department").asString()).isEqualTo("2A");
        assertThat(etag(created)).isEqualTo("\"0\"");
        assertThat(created.headers().firstValue("Location")).hasValue(BASE + "/" + commune.get("id").asString());
        assertThat(auditEvents("collectivity.created", "collectivity:" + commune.get("id").asString())).isEqualTo(1);

        HttpResponse<byte[]> replayed = postJson(administratorClient(), api(BASE), body, key);
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(replayed)).isEqualTo(commune);
        problem(postJson(administratorClient(), api(BASE), body.replace("Ajaccio-Test", "Autre"), key), 422, "idempotency-key-reused");
        problem(postJson(administratorClient(), api(BASE), body, null), 400, "idempotency-key-missing");
        problem(post(administratorClient(), BASE, body), 409, "duplicate");
        assertThat(auditEvents("collectivity.created", "collectivity:" + commune.get("id").asString())).isEqualTo(1);
    }

    @Test
    void aSharedMunicipalPoliceGroupsTwoCommunesAtLeast() {
        UUID armentieres = collectivityByInsee("59017");
        UUID chapelle = collectivityByInsee("59143");
        String grouping = """
                {"kind": "municipal_police_grouping", "name": "Police municipale mutualisée d'Armentières et de La Chapelle-d'Armentières",
                 "department": "59", "memberIds": ["%s", "%s"]}""".formatted(armentieres, chapelle);
        JsonNode created = ok(post(administratorClient(), BASE, grouping), 201);
        assertThat(created.get("memberIds")).hasSize(2);

        problem(post(administratorClient(), BASE, """
                {"kind": "municipal_police_grouping", "name": "Seule", "department": "59", "memberIds": ["%s"]}""".formatted(armentieres)),
                422, "rule-violated");
        problem(post(administratorClient(), BASE, """
                {"kind": "epci", "name": "Groupement de groupement", "department": "59", "memberIds": ["%s"]}"""
                .formatted(created.get("id").asString())), 422, "rule-violated");
        UUID id = UUID.fromString(created.get("id").asString());
        problem(put(administratorClient(), BASE + "/" + id + "/members", "{\"memberIds\": [\"" + armentieres + "\"]}", "\"0\""),
                422, "rule-violated");
        UUID houplines = collectivityByInsee("59317");
        JsonNode three = ok(put(administratorClient(), BASE + "/" + id + "/members",
                "{\"memberIds\": [\"%s\", \"%s\", \"%s\"]}".formatted(armentieres, chapelle, houplines), "\"0\""), 200);
        assertThat(three.get("memberIds")).hasSize(3);
        assertThat(three.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void updatesNeedTheCurrentETag() {
        UUID commune = directory().commune("Avant", directory().office("Préfecture"));
        String body = "{\"name\": \"Après-sur-Lys\", \"siren\": \"" + sirenNotInUse() + "\"}";

        problem(put(administratorClient(), BASE + "/" + commune, body, null), 428, "precondition-required");
        problem(put(administratorClient(), BASE + "/" + commune, body, "\"7\""), 412, "precondition-failed");
        HttpResponse<byte[]> updated = put(administratorClient(), BASE + "/" + commune, body, "\"0\"");
        assertThat(ok(updated, 200).get("name").asString()).isEqualTo("Après-sur-Lys");
        assertThat(etag(updated)).isEqualTo("\"1\"");
        problem(put(administratorClient(), BASE + "/" + commune, body, "\"0\""), 412, "precondition-failed");
        assertThat(auditEvents("collectivity.updated", "collectivity:" + commune)).isEqualTo(1);
    }

    @Test
    void onlyNationalAdministratorsChangeReferenceData() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture");
        UUID commune = directory.commune("Inchangée", office);
        TestPerson mayor = directory.person("Anne", "MAIRE");
        directory.assign(mayor, Role.MAYOR, commune);
        TestPerson auditor = directory.person("Alain", "AUDITEUR");
        directory.assign(auditor, Role.AUDITOR, null);
        String body = "{\"name\": \"Renommée\"}";

        for (HttpClient client : new HttpClient[] {clientOf(mayor), clientOf(auditor)}) {
            problem(put(client, BASE + "/" + commune, body, "\"0\""), 403, "forbidden");
            problem(post(client, BASE, "{\"kind\": \"commune\", \"inseeCode\": \"59999\", \"name\": \"X\"}"), 403, "forbidden");
            problem(put(client, BASE + "/" + commune + "/registration-office", "{\"registrationOfficeId\": \"" + office + "\"}", "\"0\""),
                    403, "forbidden");
        }
        assertThat(ok(get(clientOf(auditor), BASE + "/" + commune), 200).get("name").asString()).isEqualTo("Inchangée");
        assertThat(ok(get(administratorClient(), BASE + "/" + commune), 200).get("version").asLong()).isZero();
    }

    @Test
    void theMayorRecordsThatTheyManageTheCardsPersonally() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture");
        UUID commune = directory.commune("Petite-Commune", office);
        UUID other = directory.commune("Voisine", office);
        TestPerson mayor = directory.person("Jeanne", "LEFÈVRE-SAINT-ÉLOI");
        directory.assign(mayor, Role.MAYOR, commune);
        TestPerson delegate = directory.person("Luc", "DÉLÉGUÉ");
        directory.assign(delegate, Role.DELEGATE, commune);

        problem(put(clientOf(delegate), BASE + "/" + commune + "/card-management", "{\"mayorManagesCards\": true}", "\"0\""),
                403, "forbidden");
        problem(put(clientOf(mayor), BASE + "/" + other + "/card-management", "{\"mayorManagesCards\": true}", "\"0\""),
                403, "forbidden");
        JsonNode changed = ok(put(clientOf(mayor), BASE + "/" + commune + "/card-management", "{\"mayorManagesCards\": true}", "\"0\""),
                200);
        assertThat(changed.get("mayorManagesCards").asBoolean()).isTrue();
        assertThat(database.sql("select mayor_manages_cards from collectivity where id = :id").bind("id", other)
                .map(row -> row.get("mayor_manages_cards", Boolean.class)).one().block()).isFalse();
    }

    @Test
    void officesAreCreatedAndAssignedByAdministrators() {
        JsonNode office = ok(post(administratorClient(), "/api/v1/registration-offices",
                "{\"code\": \"PREF-59-LILLE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase()
                        + "\", \"name\": \"Préfecture du Nord\", \"department\": \"59\"}"), 201);
        UUID commune = directory().commune("Sans-Office", directory().office("Ancienne"));
        JsonNode assigned = ok(put(administratorClient(), BASE + "/" + commune + "/registration-office",
                "{\"registrationOfficeId\": \"" + office.get("id").asString() + "\"}", "\"0\""), 200);
        assertThat(assigned.get("registrationOfficeId").asString()).isEqualTo(office.get("id").asString());
        problem(put(administratorClient(), BASE + "/" + commune + "/registration-office",
                "{\"registrationOfficeId\": \"" + UUID.randomUUID() + "\"}", "\"1\""), 422, "rule-violated");
        JsonNode renamed = ok(put(administratorClient(), "/api/v1/registration-offices/" + office.get("id").asString(),
                "{\"name\": \"Sous-préfecture de Dunkerque\", \"department\": \"59\"}", "\"0\""), 200);
        assertThat(renamed.get("version").asLong()).isEqualTo(1);
    }

    /** A valid SIREN no collectivity has: 8 random digits and the Luhn digit. */
    static String sirenNotInUse() {
        String body = String.format("8%07d", (int) (Math.random() * 10_000_000));
        for (int check = 0; check < 10; check++) {
            try {
                return new fr.cartesagents.ca.issuance.Siren(body + check).value();
            } catch (IllegalArgumentException notThisOne) {
                // try the next digit
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
