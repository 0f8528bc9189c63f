package fr.cartesagents.ra.collectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Bad input of every kind on the collectivity endpoints: each gets a 4xx problem document and
 * leaves no trace (no collectivity, no audit event, no idempotency record, no version bump).
 */
class CollectivityBadInputTest extends TerritoryApiTest {

    private static final String BASE = "/api/v1/collectivities";
    private static final List<String> TABLES = List.of("collectivity", "collectivity_member", "audit_event", "idempotency_key",
            "registration_office");

    private List<Long> before;
    private long versions;

    @BeforeEach
    void countRows() {
        before = TABLES.stream().map(this::count).toList();
        versions = versionSum();
    }

    @AfterEach
    void nothingChanged() {
        assertThat(TABLES.stream().map(this::count).toList()).as("rows in " + TABLES).isEqualTo(before);
        assertThat(versionSum()).isEqualTo(versions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5901", "590171", "20001", "2C001", "00001", "59A17", "96001", "97901", "ABCDE"})
    void whenTheInseeCodeIsNotOne_then400(String insee) {
        problem(post(administratorClient(), BASE, commune(insee, "Fausse", null)), 400, "validation-failed");
    }

    @Test
    void whenTheDepartmentDoesNotMatchTheInseeCode_then400() {
        problem(post(administratorClient(), BASE, """
                {"kind": "commune", "inseeCode": "59991", "name": "Ailleurs", "department": "62"}"""), 400, "validation-failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"215900177", "21590017", "2159001766", "21590017A", ""})
    void whenTheSirenFailsItsLuhnDigitOrLength_then400(String siren) {
        problem(post(administratorClient(), BASE, commune("59992", "Sans-Siren", siren)), 400, "validation-failed");
    }

    @Test
    void whenAMemberIsUnknown_then400NamingIt() {
        var problem = problem(post(administratorClient(), BASE, """
                {"kind": "commune", "inseeCode": "59993", "name": "Curieuse", "mayor": "Jean"}"""), 400, "validation-failed");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("mayor");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"kind\": \"commune\", \"inseeCode\": \"59994\", \"name\": \"Typée\", \"registrationOfficeId\": 12}",
            "{\"kind\": \"commune\", \"inseeCode\": \"59994\", \"name\": \"Typée\", \"memberIds\": \"abc\"}",
            "{\"kind\": [\"commune\"], \"inseeCode\": \"59994\", \"name\": \"Typée\"}",
            "{\"kind\": \"commune\", \"inseeCode\": {\"code\": \"59994\"}, \"name\": \"Typée\"}",
            "[\"commune\"]",
            "{\"kind\": \"commune\", \"inseeCode\": \"59994\", \"name\": \"Typée\"} {}",
            "{\"kind\": \"ville\", \"inseeCode\": \"59994\", \"name\": \"Typée\"}"})
    void whenTheBodyIsMalformedOrOfTheWrongTypes_then400(String body) {
        problem(post(administratorClient(), BASE, body), 400, "validation-failed");
    }

    /** A body that is not JSON at all has no field to name: 400 bad-request (docs/api.md), nothing created. */
    @Test
    void whenTheBodyIsNotWellFormedJson_then400BadRequest() {
        problem(post(administratorClient(), BASE, "{\"kind\": \"commune\""), 400, "bad-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "<script>alert(1)</script>", "Nom\u0000nul", "%", "-Tiret"})
    void whenTheNameIsEmptyOrHoldsForbiddenCharacters_then400(String name) {
        problem(post(administratorClient(), BASE, commune("59995", name, null)), 400, "validation-failed");
    }

    @Test
    void whenTheNameIsTooLong_then400() {
        problem(post(administratorClient(), BASE, commune("59996", "Saint-" + "a".repeat(300), null)), 400, "validation-failed");
    }

    @Test
    void whenTheBodyIsLargerThanTheLimit_then413() {
        problem(post(administratorClient(), BASE, commune("59997", "Grande", null).replace("}", ", \"pad\": \""
                + "x".repeat(300_000) + "\"}")), 413, "request-too-large");
    }

    @Test
    void whenThereIsNoBodyOrNotJson_then400Or415() {
        problem(post(administratorClient(), BASE, ""), 400, "bad-request"); // no body: docs/api.md, "Errors"
        var response = send(administratorClient(), HttpRequest.newBuilder(api(BASE)).header("Content-Type", "text/plain")
                .header("Idempotency-Key", newKey()).POST(HttpRequest.BodyPublishers.ofString("commune")).build());
        problem(response, 415, "unsupported-media-type");
    }

    @Test
    void whenAGroupingHasAnInseeCodeOrACommuneHasMembers_then400() {
        problem(post(administratorClient(), BASE, """
                {"kind": "epci", "inseeCode": "59998", "name": "CC Fautive", "department": "59", "memberIds": ["%s"]}"""
                .formatted(collectivityByInsee("59017"))), 400, "validation-failed");
        problem(post(administratorClient(), BASE, """
                {"kind": "commune", "inseeCode": "59998", "name": "Fautive", "memberIds": ["%s"]}"""
                .formatted(collectivityByInsee("59017"))), 400, "validation-failed");
        problem(post(administratorClient(), BASE, """
                {"kind": "epci", "name": "CC Sans Département", "memberIds": ["%s"]}"""
                .formatted(collectivityByInsee("59017"))), 400, "validation-failed");
    }

    @Test
    void whenAnUpdateIsInvalid_thenTheRecordStaysAsItWas() {
        UUID armentieres = collectivityByInsee("59017");
        problem(put(administratorClient(), BASE + "/" + armentieres, "{\"name\": \"\"}", "\"0\""), 400, "validation-failed");
        problem(put(administratorClient(), BASE + "/" + armentieres, "{\"name\": \"Armentières\", \"siren\": \"215900177\"}", "\"0\""),
                400, "validation-failed");
        problem(put(administratorClient(), BASE + "/" + armentieres, "{\"name\": \"Armentières\", \"department\": \"62\"}", "\"0\""),
                400, "validation-failed");
        problem(put(administratorClient(), BASE + "/" + armentieres, "{\"name\": \"Armentières\"}", "W/\"0\""), 400, "bad-request");
        problem(put(administratorClient(), BASE + "/" + armentieres + "/members", "{\"memberIds\": []}", "\"0\""), 400,
                "validation-failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"?page=abc", "?size=1000", "?size=0", "?page=-1", "?name=%25", "?name=a_b", "?insee=5901", "?department=20",
            "?kind=ville"})
    void whenASearchParameterIsInvalid_then400(String query) {
        problem(get(administratorClient(), BASE + query), 400, "validation-failed");
    }

    @Test
    void whenThePathIdIsNotAUuid_then400() {
        problem(get(administratorClient(), BASE + "/59017"), 400, "validation-failed");
    }

    private static String commune(String insee, String name, String siren) {
        return "{\"kind\": \"commune\", \"inseeCode\": \"" + insee + "\", \"name\": " + JSON.writeValueAsString(name)
                + (siren == null ? "" : ", \"siren\": \"" + siren + "\"") + "}";
    }

    private long versionSum() {
        return database.sql("select coalesce(sum(version), 0) as n from collectivity").map(row -> ((Number) row.get("n")).longValue())
                .one().block();
    }
}
