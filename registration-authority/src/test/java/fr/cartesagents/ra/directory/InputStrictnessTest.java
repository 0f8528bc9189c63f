package fr.cartesagents.ra.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

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
    void whenAFieldIsRefused_thenItsMessageIsInTheCallersLanguage_andTheEnglishTextIsTheOneThePortalKnows() {
        UUID commune = directory().commune("Messages", directory().office("Préfecture du Nord"));
        String body = personJson("Lef\u0435vre", null).replace("\"agent@mairie-test.fr\"", "\"pas-une-adresse\"");
        long before = count("person");

        JsonNode english = json(postPerson(commune, body, "en"));
        JsonNode french = json(postPerson(commune, body, "fr-FR,fr;q=0.9"));

        assertThat(messages(english)).containsExactly(
                "birthName: Latin letters only (accents allowed), separated by a space, an apostrophe or hyphens",
                "email: must be an email address such as prenom.nom@mairie.fr",
                "givenNames: required");
        assertThat(messages(french)).containsExactly(
                "birthName: Lettres latines uniquement (accents permis), séparées par une espace, une apostrophe ou des traits d’union.",
                "email: Adresse électronique attendue, par exemple prenom.nom@mairie.fr.",
                "givenNames: Ce champ est obligatoire.");
        assertThat(french.get("detail").asString()).isEqualTo("Valeurs invalides : birthName, email, givenNames.");
        assertThat(count("person")).isEqualTo(before);
    }

    /** What the portal matches on (card-portal .../messages/fr.js): the English texts stay word for word. */
    @Test
    void whenTheEnglishBundleIsRead_thenItsTextsAreThoseThePortalTranslates() {
        java.util.ResourceBundle english = java.util.ResourceBundle.getBundle("ValidationMessages", java.util.Locale.ROOT,
                java.util.ResourceBundle.Control.getNoFallbackControl(java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
        assertThat(english.getString("cartes.field.required")).isEqualTo("required");
        assertThat(english.getString("cartes.field.past")).isEqualTo("must be in the past");
        assertThat(english.getString("cartes.field.latin-given-names"))
                .isEqualTo("Latin letters only (accents allowed), separated by a space, a comma, an apostrophe or hyphens");
        assertThat(english.getString("cartes.field.place")).isEqualTo("letters, digits, spaces and ' ( ) . , / - only");
        assertThat(english.getString("cartes.field.printable")).isEqualTo("no control characters");
        assertThat(english.getString("cartes.field.at-most")).isEqualTo("at most {max} characters");
    }

    private HttpResponse<byte[]> postPerson(UUID commune, String body, String language) {
        HttpResponse<byte[]> response = send(administratorClient(), HttpRequest.newBuilder(people(commune))
                .header("Content-Type", "application/json").header("Accept-Language", language)
                .header("Idempotency-Key", newKey()).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(400);
        assertThat(problemType(response)).isEqualTo("urn:cartes-agents:problem:validation-failed");
        return response;
    }

    private static java.util.List<String> messages(JsonNode problem) {
        java.util.List<String> messages = new java.util.ArrayList<>();
        problem.get("errors").forEach(error -> messages.add(error.get("field").asString() + ": " + error.get("message").asString()));
        return messages;
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
