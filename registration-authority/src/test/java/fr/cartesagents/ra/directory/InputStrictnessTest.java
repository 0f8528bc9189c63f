package fr.cartesagents.ra.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Security finding 8 (issue 10), the input parts, over the real API: the listener separation
 * decides on the decoded path, a JSON member given twice is refused, and civil-status names are in
 * Latin script (French accents, hyphens, apostrophes and spaces allowed; Cyrillic or Greek
 * homoglyphs refused).
 */
class InputStrictnessTest extends DirectoryTestBase {

    @Test
    void whenThePkiPathIsPercentEncoded_thenTheHttpsListenerStillDoesNotServeTheRepository() {
        for (String disguised : new String[] {"/%70ki/ca", "/%70%6Bi/ca/act.crt", "/pk%69/crl/act.crl"}) {
            HttpResponse<byte[]> response = get(administratorClient(), api(disguised));

            assertThat(response.statusCode()).as(disguised + " over HTTPS: " + text(response)).isEqualTo(404);
        }
        assertThat(get(anonymousClient(), pki("/%70ki/ca")).statusCode()).as("the plain listener serves it").isEqualTo(200);
    }

    @Test
    void whenAJsonMemberIsGivenTwice_thenTheRequestIsRefusedWith400AndNothingIsCreated() {
        UUID commune = directory().commune("Doublons", directory().office("Préfecture du Nord"));
        String twice = personJson("Martin", "Paul").replace("\"birthName\": \"Martin\"",
                "\"birthName\": \"Martin\", \"birthName\": \"Durand\"");
        long before = count("person");

        HttpResponse<byte[]> response = postJson(administratorClient(), people(commune), twice, newKey());

        assertThat(response.statusCode()).as(text(response)).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(text(response)).contains("twice");
        assertThat(count("person")).isEqualTo(before);
    }

    @Test
    void whenANameMixesScripts_thenItIsRefusedAndFrenchNamesStillPass() {
        UUID commune = directory().commune("Homoglyphes", directory().office("Préfecture du Nord"));
        // "Lefеvre" with a Cyrillic "е" (U+0435), "Dupοnt" with a Greek omicron, given names in Cyrillic
        for (String[] names : new String[][] {{"Lef\u0435vre", "Marc"}, {"Dup\u03BFnt", "Anne"}, {"Martin", "\u041C\u0430\u0440\u043A"}}) {
            HttpResponse<byte[]> refused = postJson(administratorClient(), people(commune), personJson(names[0], names[1]), newKey());

            assertThat(refused.statusCode()).as(String.join(" ", names) + ": " + text(refused)).isEqualTo(400);
            assertThat(text(refused)).contains("Latin");
        }
        HttpResponse<byte[]> french = postJson(administratorClient(), people(commune),
                personJson("Lefèvre-Saint-Éloi d'Œuf", "Zoé, Marie-Noël"), newKey());
        assertThat(french.statusCode()).as(text(french)).isEqualTo(201);
    }

    @Test
    void whenAnExistingPersonIsRenamedWithAHomoglyph_thenTheUpdateIsRefused() {
        UUID commune = directory().commune("Homoglyphes bis", directory().office("Préfecture du Nord"));
        var person = addPerson(commune, "Paul", "Lefevre");
        String etag = etagOf(administratorClient(), person(commune, person.id()));

        HttpResponse<byte[]> refused = send(administratorClient(), HttpRequest.newBuilder(person(commune, person.id()))
                .header("Content-Type", "application/json").header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString(personJson("Lef\u0435vre", "Paul"))).build());

        assertThat(refused.statusCode()).as(text(refused)).isEqualTo(400);
    }
}
