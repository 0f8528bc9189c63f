package fr.cartesagents.ra.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.RunningServer;

/**
 * What the demo start seeds, through the owners of the tables (collectivity, directory, audit), is
 * what the README's run command and the browser tests rely on: the Préfecture du Nord, Armentières
 * served by it, the five demo people with their first role, and one {@code demo.seeded} event.
 * Other tests may change the demo people later (end a role, add one), so each is checked by its
 * first role and the trail by its first seeding event.
 */
class DemoSeedingTest extends RunningServer {

    @Test
    void theDemoStartSeedsThePrefectureArmentieresAndItsFivePeople() {
        Map<String, Object> office = row("select id, name, department from registration_office where code = 'PREF-59'");
        assertThat(office).containsEntry("name", "Préfecture du Nord").containsEntry("department", "59");
        Map<String, Object> commune = row("select id, kind, siren, department, registration_office_id from collectivity"
                + " where insee_code = '59017'");
        assertThat(commune).containsEntry("kind", "commune").containsEntry("siren", "215900176").containsEntry("department", "59")
                .containsEntry("registration_office_id", office.get("id"));

        UUID armentieres = (UUID) commune.get("id");
        UUID prefecture = (UUID) office.get("id");
        assertFirstRole("DEMO-59017-MAIRE", "Hélène", "Lefèvre-Saint-Éloi", "maire", "mayor", armentieres, null, null, "Maire");
        assertFirstRole("DEMO-59017-DELEGUE", "Karim", "N'Diaye", "delegue", "delegate", armentieres, null,
                "Direction générale", "Responsable cartes");
        assertFirstRole("DEMO-59017-AGENT", "Sophie", "Dubois", "agent", "agent", armentieres, null, "État civil",
                "Officier d'état civil");
        assertFirstRole("DEMO-PREF59-OFFICIER", "Marc", "Vandenbroucke", "officier", "registration_officer", null, prefecture,
                "Bureau des titres", "Autorité d'enregistrement");
        assertFirstRole("DEMO-AUDITEUR", "Claire", "Martin", "auditeur", "auditor", null, null, null, "Auditrice");

        Map<String, Object> seeded = row("select actor, target, details::text as details, collectivity_id from audit_event"
                + " where action = 'demo.seeded' order by id limit 1");
        assertThat(seeded).containsEntry("actor", "system").containsEntry("target", "collectivity:" + armentieres)
                .containsEntry("collectivity_id", armentieres);
        assertThat((String) seeded.get("details")).contains("\"insee\": \"59017\"").contains("\"roles\": \"5\"");

        // Issue 11: the demo commune starts with an active COMEDEC and an active CARTES convention (the whole card
        // lifecycle at once); checked by the events that created them, since other tests may move them later
        List<Map<String, Object>> conventions = database.sql("select c.kind, e.details::text as details from audit_event e"
                        + " join convention c on e.target = 'convention:' || c.id where e.action = 'convention.created'"
                        + " and e.collectivity_id = :commune and e.details->>'demo' = 'true' order by e.id")
                .bind("commune", armentieres).fetch().all().collectList().block();
        assertThat(conventions).extracting(row -> row.get("kind")).containsExactly("comedec", "cartes");
        assertThat(conventions).allSatisfy(row -> assertThat((String) row.get("details")).contains("\"state\": \"active\""));
    }

    private void assertFirstRole(String holderId, String givenNames, String birthName, String userName, String role,
                                 UUID collectivity, UUID office, String service, String jobTitle) {
        Map<String, Object> person = row("select id, given_names, birth_name, email, status from person where holder_id = '"
                + holderId + "'");
        assertThat(person).as(holderId).containsEntry("given_names", givenNames).containsEntry("birth_name", birthName)
                .containsEntry("email", userName + "@demo.cartes-agents.fr");
        Map<String, Object> first = row("select role, collectivity_id, registration_office_id, service, job_title, starts_on"
                + " from role_assignment where person_id = '" + person.get("id") + "' order by created_at, starts_on limit 1");
        assertThat(first.get("role")).as(holderId).isEqualTo(role);
        assertThat(first.get("collectivity_id")).as(holderId).isEqualTo(collectivity);
        assertThat(first.get("registration_office_id")).as(holderId).isEqualTo(office);
        assertThat(first.get("service")).as(holderId).isEqualTo(service);
        assertThat(first.get("job_title")).as(holderId).isEqualTo(jobTitle);
        assertThat((LocalDate) first.get("starts_on")).as("the day before the start, in France")
                .isBefore(LocalDate.now(ZoneId.of("Europe/Paris")));
    }

    private Map<String, Object> row(String sql) {
        List<Map<String, Object>> rows = database.sql(sql).fetch().all().collectList().block();
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }
}
