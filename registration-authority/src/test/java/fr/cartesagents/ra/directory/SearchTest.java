package fr.cartesagents.ra.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
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
 * The directory search over the real mTLS API: accents and case ignored, prefix and substring,
 * filters, keyset pages, and never a row of a collectivity the caller may not read.
 */
class SearchTest extends DirectoryTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Letters only (a valid name), unique enough that tests sharing the database do not see each other's people. */
    private static String uniqueWord() {
        StringBuilder word = new StringBuilder("Zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return word.toString();
    }

    private JsonNode search(HttpClient client, String path, String query) {
        HttpResponse<byte[]> response = read(client, api(path + "?" + query));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return json(response);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> birthNames(JsonNode page) {
        return page.get("items").findValuesAsString("birthName");
    }

    @Test
    void whenSearchingWithoutAccentsOrCase_thenAccentedHyphenatedAndApostrophedNamesAreFound() {
        String word = uniqueWord();
        UUID commune = directory().commune("Armentières", directory().office("Préfecture du Nord"));
        addPerson(commune, "Anne", "Lefèvre" + word);
        addPerson(commune, "Paul", "Martin-Lefèvre" + word);
        addPerson(commune, "Awa", "N'Diaye" + word);
        addPerson(commune, "Éloïse", "Saint-Éloi" + word);
        String folded = word.toLowerCase();

        assertThat(birthNames(search(administratorClient(), "/api/v1/people", "name=lefevre" + folded)))
                .containsExactly("Lefèvre" + word, "Martin-Lefèvre" + word);
        assertThat(birthNames(search(administratorClient(), "/api/v1/people", "name=" + encode("LEFÈVRE" + word) + "&match=prefix")))
                .containsExactly("Lefèvre" + word);
        assertThat(birthNames(search(administratorClient(), "/api/v1/people", "name=ndiaye" + folded)))
                .containsExactly("N'Diaye" + word);
        assertThat(birthNames(search(administratorClient(), "/api/v1/people", "name=" + encode("n'diaye" + folded))))
                .containsExactly("N'Diaye" + word);
        assertThat(birthNames(search(administratorClient(), "/api/v1/people", "name=" + encode("saint eloi" + folded))))
                .containsExactly("Saint-Éloi" + word);
        assertThat(birthNames(search(administratorClient(), "/api/v1/people", "name=" + encode("Éloïse saint"))))
                .isEmpty();
        assertThat(birthNames(search(administratorClient(), "/api/v1/people", "name=" + encode("saint-éloi" + folded + " éloïse"))))
                .containsExactly("Saint-Éloi" + word);
    }

    @Test
    void whenADelegateSearches_thenAnotherCommunesPeopleNeverAppear() {
        String word = uniqueWord();
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Nord");
        UUID communeA = directory.commune("Armentières", office);
        UUID communeB = directory.commune("La Chapelle-d'Armentières", office);
        addPerson(communeA, "Anne", "Dupont" + word);
        addPerson(communeB, "Bruno", "Dupont" + word);
        TestPerson delegate = directory.person("Sylvie", "GUSTIN");
        directory.assign(delegate, Role.DELEGATE, communeA);
        HttpClient client = clientOf(delegate);

        JsonNode everywhere = search(client, "/api/v1/people", "name=dupont" + word.toLowerCase());
        JsonNode askingForB = search(client, "/api/v1/people", "name=dupont" + word.toLowerCase() + "&collectivityId=" + communeB);
        HttpResponse<byte[]> inB = read(client, api("/api/v1/collectivities/" + communeB + "/people?name=dupont"));
        JsonNode inA = search(client, "/api/v1/collectivities/" + communeA + "/people", "name=dupont" + word.toLowerCase());

        assertThat(everywhere.get("items").findValuesAsString("givenNames")).containsExactly("Anne");
        assertThat(everywhere.get("items").findValuesAsString("collectivityId")).containsOnly(communeA.toString());
        assertThat(askingForB.get("items").size()).isZero();
        assertThat(inB.statusCode()).isEqualTo(403);
        assertThat(inA.get("items").findValuesAsString("givenNames")).containsExactly("Anne");
        assertThat(search(administratorClient(), "/api/v1/people", "name=dupont" + word.toLowerCase())
                .get("items").size()).isEqualTo(2);
    }

    @Test
    void whenAnAgentWithoutReadSearches_thenTheyGetNothing() {
        String word = uniqueWord();
        UUID commune = directory().commune("Moissac", directory().office("Préfecture"));
        TestPerson agent = addPerson(commune, "Jeanne", "Agent" + word);

        JsonNode page = search(clientOf(agent), "/api/v1/people", "name=agent" + word.toLowerCase());

        assertThat(page.get("items").size()).isZero();
        assertThat(read(clientOf(agent), api("/api/v1/collectivities/" + commune + "/people")).statusCode()).isEqualTo(403);
    }

    @Test
    void whenResultsSpanSeveralPages_thenTheKeysetWalksThemAllOnceInOrder() {
        String word = uniqueWord();
        UUID commune = directory().commune("Castres", directory().office("Préfecture du Tarn"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String given = "Prénom" + (char) ('a' + i);
            addPerson(commune, given, "Page" + word);
            expected.add(given);
        }

        List<String> seen = new ArrayList<>();
        String query = "name=page" + word.toLowerCase() + "&limit=10";
        JsonNode page = search(administratorClient(), "/api/v1/people", query);
        int pages = 1;
        seen.addAll(page.get("items").findValuesAsString("givenNames"));
        while (page.get("hasMore").asBoolean()) {
            page = search(administratorClient(), "/api/v1/people", query + "&after=" + page.get("next").asString());
            seen.addAll(page.get("items").findValuesAsString("givenNames"));
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(page.get("next").isNull()).isTrue();
    }

    @Test
    void whenFilteringByFunctionStatusAndInseeCode_thenOnlyMatchingPeopleRemain() {
        String word = uniqueWord();
        UUID commune = directory().commune("Labruguière", directory().office("Préfecture du Tarn"));
        TestPerson officer = addPerson(commune, "Officier", "Filtre" + word);
        TestPerson police = addPerson(commune, "Police", "Filtre" + word);
        put(administratorClient(), person(commune, police.id()), personJson("Filtre" + word, "Police")
                .replace("État civil", "Police municipale").replace("Officier d'état civil", "Brigadier"), "\"0\"");
        postIfMatch(administratorClient(), api("/api/v1/collectivities/" + commune + "/people/" + officer.id() + "/departure"),
                "", "\"0\"");
        String insee = database.sql("select insee_code from collectivity where id = :id").bind("id", commune)
                .map(row -> row.get("insee_code", String.class)).one().block();
        String name = "name=filtre" + word.toLowerCase();

        assertThat(search(administratorClient(), "/api/v1/people", name + "&function=" + encode("etat civil"))
                .get("items").findValuesAsString("givenNames")).containsExactly("Officier");
        assertThat(search(administratorClient(), "/api/v1/people", name + "&function=brigadier")
                .get("items").findValuesAsString("givenNames")).containsExactly("Police");
        assertThat(search(administratorClient(), "/api/v1/people", name + "&function=%25").get("items").size()).isZero();
        assertThat(search(administratorClient(), "/api/v1/people", name + "&status=active")
                .get("items").findValuesAsString("givenNames")).containsExactly("Police");
        assertThat(search(administratorClient(), "/api/v1/people", name + "&status=departed")
                .get("items").findValuesAsString("givenNames")).containsExactly("Officier");
        assertThat(search(administratorClient(), "/api/v1/people", name + "&insee=" + insee).get("items").size()).isEqualTo(2);
        assertThat(search(administratorClient(), "/api/v1/people", name + "&insee=2A004").get("items").size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"name=dupont1", "name=%25", "name=du_pont", "limit=0", "limit=101", "limit=dix", "status=parti",
            "insee=ABCDE", "match=exact", "after=pas-un-curseur", "collectivityId=lille", "function=a%00b"})
    void whenASearchParameterIsInvalid_then400(String query) {
        HttpResponse<byte[]> refused = read(administratorClient(), api("/api/v1/people?" + query));

        assertThat(refused.statusCode()).as(text(refused)).isEqualTo(400);
    }
}
