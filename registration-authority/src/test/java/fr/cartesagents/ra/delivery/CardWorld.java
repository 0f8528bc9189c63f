package fr.cartesagents.ra.delivery;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;

/**
 * The world of the card lifecycle tests: a registration office, a commune it serves bound by an
 * active CARTES convention, its delegate, an agent with an accented, hyphenated name, and a registration
 * officer; callers are logged in with mutual TLS as each of them.
 */
record CardWorld(UUID office, UUID commune, TestPerson officer, TestPerson delegate, TestPerson agent,
                 Path officerCard, HttpClient officerClient, HttpClient delegateClient) {

    interface Clients {
        Path cardOf(TestPerson person);

        HttpClient client(Path card);

        /** From a test's own {@code cardOf} and {@code client} (protected in the server's test base). */
        static Clients of(java.util.function.Function<TestPerson, Path> cardOf, java.util.function.Function<Path, HttpClient> client) {
            return new Clients() {
                @Override
                public Path cardOf(TestPerson person) {
                    return cardOf.apply(person);
                }

                @Override
                public HttpClient client(Path card) {
                    return client.apply(card);
                }
            };
        }
    }

    static CardWorld create(DatabaseClient database, Clients clients) {
        TestDirectory directory = new TestDirectory(database);
        UUID office = directory.office("Préfecture (cartes)");
        UUID commune = directory.commune("Commune (cartes)", office);
        activeConvention(database, commune, "cartes");
        TestPerson officer = directory.person("Marc", "Officier-" + UUID.randomUUID().toString().substring(0, 6));
        directory.assign(officer, Role.REGISTRATION_OFFICER, office);
        TestPerson delegate = directory.person("Karim", "N'Diaye");
        directory.assign(delegate, Role.DELEGATE, commune);
        TestPerson agent = directory.person("Hélène, Marie", "Lefèvre-Saint-Éloi");
        directory.assign(agent, Role.AGENT, commune);
        Path officerCard = clients.cardOf(officer);
        return new CardWorld(office, commune, officer, delegate, agent, officerCard, clients.client(officerCard),
                clients.client(clients.cardOf(delegate)));
    }

    /** A new agent of the commune. */
    TestPerson newAgent(DatabaseClient database, String givenNames, String birthName) {
        TestDirectory directory = new TestDirectory(database);
        TestPerson person = directory.person(givenNames, birthName);
        directory.assign(person, Role.AGENT, commune);
        return person;
    }

    static void activeConvention(DatabaseClient database, UUID collectivity, String kind) {
        UUID id = UUID.randomUUID();
        database.sql("insert into convention (id, kind, state, signed_on, activated_on) values (:id, :kind, 'active', :today, :today)")
                .bind("id", id).bind("kind", kind).bind("today", LocalDate.now()).then().block();
        database.sql("insert into convention_party (convention_id, collectivity_id) values (:id, :collectivity)")
                .bind("id", id).bind("collectivity", collectivity).then().block();
    }
}
