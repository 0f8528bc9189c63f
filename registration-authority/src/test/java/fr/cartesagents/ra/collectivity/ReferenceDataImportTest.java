package fr.cartesagents.ra.collectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * The reference data upload over HTTP: the official file streamed in, upserted by INSEE code,
 * idempotent, bad entries counted and left out, national administrators only.
 */
class ReferenceDataImportTest extends TerritoryApiTest {

    private static final String COMMUNES = "/api/v1/admin/reference-data/communes";

    @Test
    void uploadingTheSameOfficialFileAgainChangesNothing() {
        String versionsBefore = versions();
        JsonNode report = ok(upload(administratorClient(), COMMUNES, resource("reference/communes-59.json")), 200);
        assertThat(report.get("read").asLong()).isEqualTo(647);
        assertThat(report.get("inserted").asLong()).isZero();
        assertThat(report.get("updated").asLong()).isZero();
        assertThat(report.get("unchanged").asLong()).isEqualTo(647);
        assertThat(versions()).isEqualTo(versionsBefore);

        JsonNode epcis = ok(upload(administratorClient(), "/api/v1/admin/reference-data/epcis", resource("reference/epci-59.json")), 200);
        assertThat(epcis.get("read").asLong()).isEqualTo(17);
        assertThat(epcis.get("unchanged").asLong()).isEqualTo(17);
    }

    @Test
    void newAndRenamedCommunesAreWrittenAndBadEntriesCountedAndLeftOut() {
        String entries = """
                [{"code": "59989", "nom": "Nouvelle-Commune", "departement": "59", "type": "commune-actuelle",
                  "codesPostaux": ["59215"], "population": 4321},
                 {"code": "59988", "nom": "Déléguée", "departement": "59", "type": "commune-deleguee", "chefLieu": "59002"},
                 {"code": "5998", "nom": "Code court", "departement": "59", "type": "commune-actuelle"},
                 {"code": "59987", "nom": "Mauvais SIREN", "departement": "59", "type": "commune-actuelle", "siren": "215900027"},
                 {"code": "59986", "nom": "Autre département", "departement": "62", "type": "commune-actuelle"}]""";
        JsonNode report = ok(upload(administratorClient(), COMMUNES, entries.getBytes(StandardCharsets.UTF_8)), 200);

        assertThat(report.get("read").asLong()).isEqualTo(5);
        assertThat(report.get("skipped").asLong()).isEqualTo(1);
        assertThat(report.get("rejected").asLong()).isEqualTo(3);
        assertThat(report.get("firstRejected").toString()).contains("5998", "59987", "59986");
        assertThat(report.get("inserted").asLong()).isEqualTo(1);
        assertThat(nameOf("59989")).isEqualTo("Nouvelle-Commune");
        assertThat(collectivityByInsee("59988")).isNull();
        assertThat(collectivityByInsee("59987")).isNull();
        assertThat(database.sql("select count(*) as n from audit_event where action = 'reference-data.communes-imported'"
                + " and details->>'inserted' = '1'").map(row -> row.get("n", Long.class)).one().block()).isGreaterThanOrEqualTo(1);

        JsonNode renamed = ok(upload(administratorClient(), COMMUNES, """
                [{"code": "59989", "nom": "Nouvelle-Commune-sur-Lys", "departement": "59", "type": "commune-actuelle",
                  "siren": "215900010"}]""".replace("215900010", CollectivityApiTest.sirenNotInUse()).getBytes(StandardCharsets.UTF_8)), 200);
        assertThat(renamed.get("updated").asLong()).isEqualTo(1);
        assertThat(nameOf("59989")).isEqualTo("Nouvelle-Commune-sur-Lys");
    }

    @Test
    void onlyAdministratorsUpload() {
        UUID commune = directory().commune("Mairie", directory().office("Préfecture"));
        TestPerson mayor = directory().person("Marc", "MAIRE");
        directory().assign(mayor, Role.MAYOR, commune);
        long before = count("collectivity");

        problem(upload(clientOf(mayor), COMMUNES, """
                [{"code": "59985", "nom": "Pirate", "departement": "59", "type": "commune-actuelle"}]""".getBytes(StandardCharsets.UTF_8)),
                403, "forbidden");
        assertThat(count("collectivity")).isEqualTo(before);
    }

    @Test
    void anUploadThatIsNotAnArrayOfEntriesIsRefused() {
        long before = count("collectivity");
        HttpResponse<byte[]> response = upload(administratorClient(), COMMUNES, "{\"code\": [1, 2".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(count("collectivity")).isEqualTo(before);
    }

    private HttpResponse<byte[]> upload(HttpClient client, String path, byte[] body) {
        return send(client, HttpRequest.newBuilder(api(path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static byte[] resource(String name) {
        try (InputStream in = ReferenceDataImportTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String nameOf(String insee) {
        return database.sql("select name from collectivity where insee_code = :insee").bind("insee", insee)
                .map(row -> row.get("name", String.class)).one().block();
    }

    private String versions() {
        return database.sql("select string_agg(version::text, ',' order by insee_code) as v from collectivity where department = '59'"
                + " and kind = 'commune' and insee_code like '59%'").map(row -> row.get("v", String.class)).one().block();
    }
}
