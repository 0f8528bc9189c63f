package fr.cartesagents.ra.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.security.Actors;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;

/**
 * Security finding 1 (issue 10), over the real API: acting on a person who holds a trust role
 * needs the permission that governs that role, the last-delegate rule holds on a departure and on
 * the mayor's choice to stop managing the cards too, and a departure from one commune leaves the roles the person holds elsewhere as they were.
 */
class TrustRoleTargetsTest extends DirectoryTestBase {

    @Test
    void whenADelegateOrTheRegistrationOfficerActsOnTheMayorOrAnotherDelegate_thenRefusedAndNothingChanges() {
        UUID office = directory().office("Préfecture du Nord");
        UUID commune = directory().commune("Confiance", office);
        TestPerson mayor = member(commune, Role.MAYOR, "Hélène", "Lefèvre");
        TestPerson delegate = member(commune, Role.DELEGATE, "Karim", "Ndiaye");
        TestPerson otherDelegate = member(commune, Role.DELEGATE, "Sophie", "Dubois");
        TestPerson officer = directory().person("Marc", "Vandenbroucke");
        directory().assign(officer, Role.REGISTRATION_OFFICER, office);
        HttpClient asDelegate = clientOf(delegate);
        HttpClient asOfficer = clientOf(officer);

        for (HttpClient caller : new HttpClient[] {asDelegate, asOfficer}) {
            for (TestPerson target : new TestPerson[] {mayor, otherDelegate}) {
                String etag = etagOf(administratorClient(), person(commune, target.id()));

                HttpResponse<byte[]> departure = postIfMatch(caller,
                        api("/api/v1/collectivities/" + commune + "/people/" + target.id() + "/departure"), "{}", etag);
                HttpResponse<byte[]> rename = put(caller, person(commune, target.id()), personJson("Usurpé", "Nom"), etag);

                assertThat(departure.statusCode()).as("departure of " + target.birthName() + ": " + text(departure)).isEqualTo(403);
                assertThat(rename.statusCode()).as("civil status of " + target.birthName() + ": " + text(rename)).isEqualTo(403);
                assertThat(etagOf(administratorClient(), person(commune, target.id()))).isEqualTo(etag);
            }
        }
        assertThat(openRoles(mayor.id(), commune)).containsExactlyInAnyOrder("agent", "mayor");
        assertThat(openRoles(otherDelegate.id(), commune)).containsExactlyInAnyOrder("agent", "delegate");

        HttpResponse<byte[]> byTheMayor = postIfMatch(clientOf(mayor),
                api("/api/v1/collectivities/" + commune + "/people/" + otherDelegate.id() + "/departure"), "{}",
                etagOf(administratorClient(), person(commune, otherDelegate.id())));
        assertThat(byTheMayor.statusCode()).as("dismissing a delegate is the mayor's: " + text(byTheMayor)).isEqualTo(200);
        assertThat(json(byTheMayor).get("status").asString()).as("held nothing elsewhere").isEqualTo("departed");
    }

    @Test
    void whenTheLastDelegateDeparts_thenTheLastDelegateRuleRefusesIt() {
        UUID commune = directory().commune("Dernier délégataire", directory().office("Préfecture du Nord"));
        member(commune, Role.MAYOR, "Hélène", "Lefèvre");
        TestPerson delegate = member(commune, Role.DELEGATE, "Karim", "Ndiaye");

        HttpResponse<byte[]> refused = postIfMatch(administratorClient(),
                api("/api/v1/collectivities/" + commune + "/people/" + delegate.id() + "/departure"), "{}",
                etagOf(administratorClient(), person(commune, delegate.id())));

        assertThat(refused.statusCode()).as(text(refused)).isEqualTo(422);
        assertThat(problemType(refused)).isEqualTo("urn:cartes-agents:problem:rule-violated");
        assertThat(openRoles(delegate.id(), commune)).containsExactlyInAnyOrder("agent", "delegate");
    }

    @Test
    void whenTheMayorStopsManagingTheCardsWithoutADelegate_thenTheLastDelegateRuleRefusesIt() {
        UUID commune = directory().commune("Sans délégataire", directory().office("Préfecture du Nord"));
        TestPerson mayor = member(commune, Role.MAYOR, "Hélène", "Lefèvre");
        database.sql("update collectivity set mayor_manages_cards = true where id = :id").bind("id", commune).then().block();
        String etag = etagOf(administratorClient(), api("/api/v1/collectivities/" + commune));

        HttpResponse<byte[]> refused = put(clientOf(mayor), api("/api/v1/collectivities/" + commune + "/card-management"),
                "{\"mayorManagesCards\": false}", etag);

        assertThat(refused.statusCode()).as(text(refused)).isEqualTo(422);
        assertThat(problemType(refused)).isEqualTo("urn:cartes-agents:problem:rule-violated");
        assertThat(database.sql("select mayor_manages_cards from collectivity where id = :id").bind("id", commune)
                .map(row -> row.get("mayor_manages_cards", Boolean.class)).one().block()).isTrue();
    }

    @Test
    void whenAPersonLeavesOneCommune_thenTheyKeepTheRolesTheyHoldElsewhere() {
        UUID office = directory().office("Préfecture du Nord");
        UUID left = directory().commune("Quittée", office);
        UUID kept = directory().commune("Gardée", office);
        TestPerson person = member(left, Role.AGENT, "Paul", "Martin");
        directory().assign(person, Role.AGENT, kept);
        directory().assign(person, Role.MAYOR, kept);

        HttpResponse<byte[]> departed = postIfMatch(administratorClient(),
                api("/api/v1/collectivities/" + left + "/people/" + person.id() + "/departure"), "{}",
                etagOf(administratorClient(), person(left, person.id())));

        assertThat(departed.statusCode()).as(text(departed)).isEqualTo(200);
        assertThat(openRoles(person.id(), left)).isEmpty();
        assertThat(openRoles(person.id(), kept)).containsExactlyInAnyOrder("agent", "mayor");
        assertThat(database.sql("select status from person where id = :id").bind("id", person.id())
                .map(row -> row.get("status", String.class)).one().block()).isEqualTo("active");
        HttpResponse<byte[]> me = get(clientOf(person), api("/api/v1/me"));
        assertThat(text(me)).as("still the mayor of the other commune").contains("\"role\":\"mayor\",\"scope\":\"" + kept + "\"");
    }

    /** A person of the commune's directory (an agent) who also holds {@code role} there. */
    private TestPerson member(UUID commune, Role role, String givenNames, String birthName) {
        TestPerson person = directory().person(givenNames, birthName);
        directory().assign(person, Role.AGENT, commune);
        if (role != Role.AGENT) {
            directory().assign(person, role, commune);
        }
        return person;
    }

    /** The roles the person holds today in the collectivity. */
    private java.util.List<String> openRoles(UUID personId, UUID collectivity) {
        return database.sql("select role from role_assignment where person_id = :person and collectivity_id = :collectivity"
                        + " and (ends_on is null or ends_on >= :today)")
                .bind("person", personId).bind("collectivity", collectivity).bind("today", LocalDate.now(Actors.FRANCE)) // role dates are French calendar days
                .map(row -> row.get("role", String.class)).all().collectList().block();
    }
}
