package fr.cartesagents.ra.testsupport;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;

import fr.cartesagents.ra.security.Role;

/**
 * Arranges the directory of a test straight in the database (offices, communes, people, roles),
 * so that each test states the world it needs; what is under test then goes through the API.
 * Codes are made unique per call, so tests sharing one database never collide.
 */
public final class TestDirectory {

    /** Test communes get INSEE codes 99xxx-like values from this counter: unique within a database. */
    private static final AtomicInteger NEXT_CODE = new AtomicInteger();

    private final DatabaseClient database;

    public TestDirectory(DatabaseClient database) {
        this.database = database;
    }

    public UUID office(String name) {
        UUID id = UUID.randomUUID();
        database.sql("insert into registration_office (id, code, name, department) values (:id, :code, :name, '59')")
                .bind("id", id).bind("code", "TEST-" + id).bind("name", name)
                .then().block();
        return id;
    }

    /** A commune with a unique fake INSEE code and a valid (Luhn) SIREN, served by {@code office}. */
    public UUID commune(String name, UUID office) {
        UUID id = UUID.randomUUID();
        database.sql("insert into collectivity (id, kind, insee_code, siren, name, department, registration_office_id)"
                        + " values (:id, 'commune', :insee, :siren, :name, '59', :office)")
                .bind("id", id).bind("insee", uniqueInsee()).bind("siren", uniqueSiren()).bind("name", name)
                .bind("office", office)
                .then().block();
        return id;
    }

    /** A person with a unique holder id (the serialNumber of their certificates). */
    public TestPerson person(String givenNames, String birthName) {
        UUID id = UUID.randomUUID();
        String holderId = "T" + id.toString().replace("-", "").substring(0, 15).toUpperCase();
        database.sql("insert into person (id, holder_id, birth_name, given_names, email)"
                        + " values (:id, :holder, :birthName, :givenNames, :email)")
                .bind("id", id).bind("holder", holderId).bind("birthName", birthName).bind("givenNames", givenNames)
                .bind("email", holderId.toLowerCase() + "@mairie.test")
                .then().block();
        return new TestPerson(id, holderId, givenNames, birthName);
    }

    /** Gives {@code person} the role in {@code scope} (a collectivity, an office, or null), from today. */
    public void assign(TestPerson person, Role role, UUID scope) {
        boolean office = role == Role.REGISTRATION_OFFICER;
        database.sql("insert into role_assignment (id, person_id, role, collectivity_id, registration_office_id, starts_on)"
                        + " values (:id, :person, :role, :collectivity, :office, :starts)")
                .bind("id", UUID.randomUUID()).bind("person", person.id()).bind("role", role.databaseName())
                .bind("collectivity", Parameter.fromOrEmpty(office ? null : scope, UUID.class))
                .bind("office", Parameter.fromOrEmpty(office ? scope : null, UUID.class))
                .bind("starts", LocalDate.now().minusDays(1))
                .then().block();
    }

    /** An agent of a new commune served by a new office: the usual caller of a test that needs one person. */
    public TestPerson agentOfANewCommune(String givenNames, String birthName) {
        UUID commune = commune("Houplines", office("Préfecture du Nord"));
        TestPerson agent = person(givenNames, birthName);
        assign(agent, Role.AGENT, commune);
        return agent;
    }

    private static String uniqueInsee() {
        return String.format("%05d", NEXT_CODE.incrementAndGet() % 100_000);
    }

    /** Eight random digits and the Luhn check digit. */
    static String uniqueSiren() {
        String body = String.format("9%07d", NEXT_CODE.incrementAndGet() % 10_000_000);
        for (int check = 0; check < 10; check++) {
            String candidate = body + check;
            if (luhnValid(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    public record TestPerson(UUID id, String holderId, String givenNames, String birthName) {
    }
}
