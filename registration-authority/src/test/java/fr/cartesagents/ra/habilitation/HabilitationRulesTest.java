package fr.cartesagents.ra.habilitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * The rules of habilitations, each through the API over mutual TLS on the real database: who may
 * grant, to whom, which level needs which delegation, what rests on COMEDEC, and that a refusal
 * changes nothing.
 */
class HabilitationRulesTest extends HabilitationTestBase {

    @Test
    void whenTheMayorGrantsComedecAgent_thenItIsActiveVersionedLocatedAndAudited() {
        Commune commune = commune("Aussillon");
        TestPerson agent = agentOf(commune.id(), "Marie-Hélène", "Lefèvre-Saint-Éloi");

        HttpResponse<byte[]> response = grant(commune.mayorClient(), commune.id(), agent, "comedec", "agent");

        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"0\"");
        JsonNode granted = JSON.readTree(response.body());
        assertThat(response.headers().firstValue("Location")).hasValue(
                "/api/v1/collectivities/" + commune.id() + "/habilitations/" + granted.get("id").asString());
        assertThat(granted.get("status").asString()).isEqualTo("active");
        assertThat(granted.get("level").asString()).isEqualTo("agent");
        assertThat(granted.get("grantedByPerson").asString()).isEqualTo(commune.mayor().id().toString());
        assertThat(auditActions("habilitation:" + granted.get("id").asString())).containsExactly("habilitation.granted");
        assertThat(read(commune.mayorClient(), commune.id(), granted.get("id").asString()).get("personId").asString())
                .isEqualTo(agent.id().toString());
    }

    @Test
    void whenAComedecOfficerHasNoOfficerDelegation_thenRefused422AndNothingChanged() {
        Commune commune = commune("Moissac");
        TestPerson agent = agentOf(commune.id(), "Jean", "N'Diaye");
        List<Long> before = traces();

        JsonNode problem = problem(grant(commune.mayorClient(), commune.id(), agent, "comedec", "officier"), 422, "rule-violated");

        assertThat(problem.get("detail").asString()).contains("officier d'état civil");
        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void whenTheOfficerDelegationIsRecorded_thenTheOfficerLevelIsGranted_andTheMayorIsOfficerByLaw() {
        Commune commune = commune("Armentières");
        TestPerson officer = agentOf(commune.id(), "Céline", "Leroux");
        delegate(officer, commune.id(), "officier_etat_civil");

        assertThat(granted(commune.mayorClient(), commune.id(), officer, "comedec", "officier").get("level").asString())
                .isEqualTo("officier");
        // granted by another manager (a grant to oneself waits for one: SelfGrantTest)
        assertThat(granted(administratorClient(), commune.id(), commune.mayor(), "comedec", "officier").get("level").asString())
                .isEqualTo("officier");
    }

    @Test
    void whenAnEndedOfficerDelegationIsAllThereIs_thenRefused() {
        Commune commune = commune("Mazamet");
        TestPerson agent = agentOf(commune.id(), "Paul", "Ancien");
        database.sql("insert into delegation (id, person_id, collectivity_id, kind, starts_on, ends_on)"
                        + " values (:id, :person, :collectivity, 'officier_etat_civil', current_date - 30, current_date - 2)")
                .bind("id", UUID.randomUUID()).bind("person", agent.id()).bind("collectivity", commune.id()).then().block();

        problem(grant(commune.mayorClient(), commune.id(), agent, "comedec", "officier"), 422, "rule-violated");
    }

    @Test
    void whenActesOrHeliosIsAskedWithoutComedec_thenRefused422_andGrantedOnceComedecIsActive() {
        Commune commune = commune("Castres");
        TestPerson agent = agentOf(commune.id(), "Lahcem", "Ait El Haj");
        List<Long> before = traces();

        JsonNode actes = problem(grant(commune.mayorClient(), commune.id(), agent, "actes", "utilisateur"), 422, "rule-violated");
        assertThat(actes.get("detail").asString()).contains("ACTES").contains("COMEDEC");
        problem(grant(commune.mayorClient(), commune.id(), agent, "helios", "utilisateur"), 422, "rule-violated");
        assertThat(traces()).isEqualTo(before);

        JsonNode comedec = granted(commune.mayorClient(), commune.id(), agent, "comedec", "agent");
        JsonNode granted = granted(commune.mayorClient(), commune.id(), agent, "actes", "utilisateur");
        assertThat(granted.get("dependsOn").asString()).isEqualTo(comedec.get("id").asString());
    }

    @Test
    void whenHeliosSigningIsAskedWithoutTheOrdonnateurDelegation_thenRefused_andGrantedWithIt() {
        Commune commune = commune("Labruguière");
        TestPerson agent = agentOf(commune.id(), "Sylvie", "Gustin");
        granted(commune.mayorClient(), commune.id(), agent, "comedec", "agent");

        problem(grant(commune.mayorClient(), commune.id(), agent, "helios", "signataire"), 422, "rule-violated");
        delegate(agent, commune.id(), "ordonnateur");
        assertThat(granted(commune.mayorClient(), commune.id(), agent, "helios", "signataire").get("level").asString())
                .isEqualTo("signataire");
    }

    @Test
    void whenPveIsAskedWithoutAPoliceDelegation_thenRefused_andGrantedWithIt() {
        Commune commune = commune("La Chapelle-d'Armentières");
        TestPerson policeOfficer = agentOf(commune.id(), "Grégory", "Pickeu");

        JsonNode problem = problem(grant(commune.mayorClient(), commune.id(), policeOfficer, "pve", "verbalisateur"), 422,
                "rule-violated");
        assertThat(problem.get("detail").asString()).contains("A05");
        delegate(policeOfficer, commune.id(), "police_municipale");
        granted(commune.mayorClient(), commune.id(), policeOfficer, "pve", "verbalisateur");
    }

    @Test
    void whenSaipAndBothTesLevelsAreGranted_thenTheyNeedNoDelegation_andTesLevelsCombine() {
        Commune commune = commune("Saint-Amans-Soult");
        TestPerson agent = agentOf(commune.id(), "Véronique", "Naeye");

        granted(commune.mayorClient(), commune.id(), agent, "saip", "utilisateur");
        granted(commune.mayorClient(), commune.id(), agent, "tes", "recueil");
        granted(commune.mayorClient(), commune.id(), agent, "tes", "remise");
        problem(grant(commune.mayorClient(), commune.id(), agent, "tes", "remise"), 409, "duplicate");
    }

    @Test
    void whenTheSameApplicationIsGrantedTwice_thenConflict409AndNothingChanged() {
        Commune commune = commune("Lille");
        TestPerson agent = agentOf(commune.id(), "Hans", "Landler");
        granted(commune.mayorClient(), commune.id(), agent, "comedec", "agent");
        delegate(agent, commune.id(), "officier_etat_civil");
        List<Long> before = traces();

        JsonNode problem = problem(grant(commune.mayorClient(), commune.id(), agent, "comedec", "officier"), 409, "duplicate");

        assertThat(problem.get("detail").asString()).contains("agent");
        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void whenADelegateOfAnotherCollectivityGrants_thenForbidden403AndNothingChanged() {
        Commune commune = commune("Roubaix");
        Commune other = commune("Tourcoing");
        TestPerson otherDelegate = directory().person("Damien", "Braure");
        directory().assign(otherDelegate, Role.DELEGATE, other.id());
        TestPerson agent = agentOf(commune.id(), "Pierre", "Vanneste");
        HttpClient otherClient = clientOf(otherDelegate);
        List<Long> before = traces();

        problem(grant(otherClient, commune.id(), agent, "comedec", "agent"), 403, "forbidden");

        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void whenADelegateOfTheSameCollectivityGrants_thenAllowed_butAnAgentMayNot() {
        Commune commune = commune("Wattrelos");
        TestPerson delegate = directory().person("Catherine", "De Paris");
        directory().assign(delegate, Role.DELEGATE, commune.id());
        TestPerson agent = agentOf(commune.id(), "Thomas", "Blactot");
        TestPerson colleague = agentOf(commune.id(), "Michel", "Plouy");

        granted(clientOf(delegate), commune.id(), agent, "saip", "utilisateur");
        HttpClient agentClient = clientOf(agent);
        List<Long> before = traces();
        problem(grant(agentClient, commune.id(), colleague, "saip", "utilisateur"), 403, "forbidden");
        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void whenThePersonIsNotOfTheCollectivityOrHasLeftOrDoesNotExist_thenRefused() {
        Commune commune = commune("Halluin");
        Commune other = commune("Comines");
        TestPerson stranger = agentOf(other.id(), "Bruno", "Vangaeveren");
        TestPerson departed = agentOf(commune.id(), "Désiré", "Baillon");
        database.sql("update person set status = 'departed', departed_at = now() where id = :id").bind("id", departed.id())
                .then().block();
        TestPerson ended = directory().person("Rut", "Lerner-Bertrand");
        database.sql("insert into role_assignment (id, person_id, role, collectivity_id, starts_on, ends_on)"
                        + " values (:id, :person, 'agent', :collectivity, current_date - 60, current_date - 1)")
                .bind("id", UUID.randomUUID()).bind("person", ended.id()).bind("collectivity", commune.id()).then().block();
        List<Long> before = traces();

        assertThat(problem(grant(commune.mayorClient(), commune.id(), stranger, "saip", "utilisateur"), 422, "rule-violated")
                .get("detail").asString()).contains("no current role");
        problem(grant(commune.mayorClient(), commune.id(), ended, "saip", "utilisateur"), 422, "rule-violated");
        assertThat(problem(grant(commune.mayorClient(), commune.id(), departed, "saip", "utilisateur"), 422, "rule-violated")
                .get("detail").asString()).contains("departed");
        problem(postJson(commune.mayorClient(), habilitations(commune.id()), grantJson(UUID.randomUUID(), "saip", "utilisateur"),
                newKey()), 404, "person-not-found");
        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void whenComedecIsWithdrawn_thenTheActesAndHeliosRestingOnItAreWithdrawnToo_withHistoryAndAudit() {
        Commune commune = commune("Aussillon-Village");
        TestPerson agent = agentOf(commune.id(), "Cécile", "Laharie");
        JsonNode comedec = granted(commune.mayorClient(), commune.id(), agent, "comedec", "agent");
        JsonNode actes = granted(commune.mayorClient(), commune.id(), agent, "actes", "utilisateur");
        JsonNode helios = granted(commune.mayorClient(), commune.id(), agent, "helios", "utilisateur");
        JsonNode saip = granted(commune.mayorClient(), commune.id(), agent, "saip", "utilisateur");

        HttpResponse<byte[]> response = withdraw(commune.mayorClient(), commune.id(), comedec.get("id").asString(), "\"0\"");

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        JsonNode withdrawn = JSON.readTree(response.body());
        assertThat(withdrawn.get("status").asString()).isEqualTo("withdrawn");
        assertThat(withdrawn.get("withdrawalReason").asString()).isEqualTo("decision");
        assertThat(withdrawn.get("withdrawnByPerson").asString()).isEqualTo(commune.mayor().id().toString());
        for (JsonNode dependent : List.of(actes, helios)) {
            JsonNode now = read(commune.mayorClient(), commune.id(), dependent.get("id").asString());
            assertThat(now.get("status").asString()).isEqualTo("withdrawn");
            assertThat(now.get("withdrawalReason").asString()).isEqualTo("comedec_withdrawn");
            assertThat(auditActions("habilitation:" + dependent.get("id").asString()))
                    .containsExactly("habilitation.granted", "habilitation.withdrawn");
        }
        assertThat(read(commune.mayorClient(), commune.id(), saip.get("id").asString()).get("status").asString()).isEqualTo("active");
    }

    @Test
    void whenAWithdrawalHasNoIfMatch_orAStaleOne_orIsRepeated_then428_412_409() {
        Commune commune = commune("Tourcoing-Nord");
        TestPerson agent = agentOf(commune.id(), "Ibtissam", "Marzak-Affaoui");
        String id = granted(commune.mayorClient(), commune.id(), agent, "saip", "utilisateur").get("id").asString();
        List<Long> before = traces();

        problem(withdraw(commune.mayorClient(), commune.id(), id, null), 428, "precondition-required");
        problem(withdraw(commune.mayorClient(), commune.id(), id, "\"7\""), 412, "precondition-failed");
        problem(withdraw(commune.mayorClient(), commune.id(), id, "W/\"0\""), 400, "bad-request");
        assertThat(traces()).isEqualTo(before);

        assertThat(withdraw(commune.mayorClient(), commune.id(), id, "\"0\"").statusCode()).isEqualTo(200);
        problem(withdraw(commune.mayorClient(), commune.id(), id, "\"1\""), 409, "illegal-transition");
    }

    @Test
    void whenAnotherCollectivityWithdraws_orNamesAHabilitationOfAnotherCollectivity_thenRefusedAndNothingChanged() {
        Commune commune = commune("Croix");
        Commune other = commune("Hem");
        TestPerson agent = agentOf(commune.id(), "Philémon", "Brunet");
        String id = granted(commune.mayorClient(), commune.id(), agent, "saip", "utilisateur").get("id").asString();
        List<Long> before = traces();

        problem(withdraw(other.mayorClient(), commune.id(), id, "\"0\""), 403, "forbidden");
        problem(withdraw(other.mayorClient(), other.id(), id, "\"0\""), 404, "not-found");
        problem(get(other.mayorClient(), api("/api/v1/collectivities/" + commune.id() + "/habilitations")), 403, "forbidden");
        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void whenAGrantIsRetriedWithItsKey_thenTheFirstAnswerIsReplayed_andTheKeyWithAnotherBodyIsRefused() {
        Commune commune = commune("Lys-lez-Lannoy");
        TestPerson agent = agentOf(commune.id(), "Caroline", "Baurance");
        String key = newKey();
        HttpResponse<byte[]> first = postJson(commune.mayorClient(), habilitations(commune.id()),
                grantJson(agent.id(), "saip", "utilisateur"), key);
        List<Long> after = traces();

        HttpResponse<byte[]> retry = postJson(commune.mayorClient(), habilitations(commune.id()),
                grantJson(agent.id(), "saip", "utilisateur"), key);

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(text(retry)).isEqualTo(text(first));
        problem(postJson(commune.mayorClient(), habilitations(commune.id()), grantJson(agent.id(), "tes", "recueil"), key),
                422, "idempotency-key-reused");
        problem(postJson(commune.mayorClient(), habilitations(commune.id()), grantJson(agent.id(), "tes", "recueil"), null),
                400, "idempotency-key-missing");
        assertThat(traces()).isEqualTo(after);
    }

    @Test
    void whenTheListIsFiltered_thenOnlyMatchingHabilitationsOfThatCollectivityAreShown() {
        Commune commune = commune("Leers");
        TestPerson agent = agentOf(commune.id(), "Laurent", "Deronne");
        TestPerson other = agentOf(commune.id(), "Martine", "Cobbaert");
        granted(commune.mayorClient(), commune.id(), agent, "saip", "utilisateur");
        granted(commune.mayorClient(), commune.id(), agent, "tes", "recueil");
        granted(commune.mayorClient(), commune.id(), other, "saip", "utilisateur");

        HttpResponse<byte[]> response = get(commune.mayorClient(),
                api("/api/v1/collectivities/" + commune.id() + "/habilitations?person=" + agent.id() + "&application=saip&status=active"));

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode list = JSON.readTree(response.body());
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("personId").asString()).isEqualTo(agent.id().toString());
        assertThat(JSON.readTree(get(administratorClient(), api("/api/v1/collectivities/" + commune.id() + "/habilitations"))
                .body()).size()).isEqualTo(3);
    }

    @Test
    void whenTheCallerReadsFrench_thenTheRuleIsExplainedInFrench() {
        Commune commune = commune("Nœux-les-Mines");
        TestPerson agent = agentOf(commune.id(), "Jean-Michel", "Monpays");
        HttpRequest request = HttpRequest.newBuilder(habilitations(commune.id())).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept-Language", "fr-FR")
                .header("Idempotency-Key", newKey())
                .POST(HttpRequest.BodyPublishers.ofString(grantJson(agent.id(), "actes", "utilisateur"))).build();

        JsonNode problem = problem(send(commune.mayorClient(), request), 422, "rule-violated");

        assertThat(problem.get("detail").asString()).contains("réservé aux utilisateurs actifs de COMEDEC");
    }

    @Test
    void whenAPersonsHabilitationsAreRead_thenTheHolderSeesAll_aMayorOnlyHisCollectivitys_andAStrangerNone() {
        Commune commune = commune("Armentières-Est");
        Commune other = commune("Houplines");
        TestPerson agent = agentOf(commune.id(), "Valérie", "Pringuez");
        directory().assign(agent, Role.AGENT, other.id());
        granted(commune.mayorClient(), commune.id(), agent, "saip", "utilisateur");
        granted(other.mayorClient(), other.id(), agent, "tes", "remise");
        Commune stranger = commune("Frelinghien");
        String path = "/api/v1/people/" + agent.id() + "/habilitations";

        assertThat(JSON.readTree(get(clientOf(agent), api(path)).body()).size()).isEqualTo(2);
        JsonNode seenByMayor = JSON.readTree(get(commune.mayorClient(), api(path)).body());
        assertThat(seenByMayor.size()).isEqualTo(1);
        assertThat(seenByMayor.get(0).get("application").asString()).isEqualTo("saip");
        problem(get(stranger.mayorClient(), api(path)), 403, "forbidden");
    }

    @Test
    void whenTheDirectoryIsSearchedByHabilitation_thenOnlyActiveHoldersAreListed_andABadApplicationIs400() {
        Commune commune = commune("Erquinghem-Lys");
        TestPerson officer = agentOf(commune.id(), "Sylvie", "Delannoy-Cuisinier");
        TestPerson agent = agentOf(commune.id(), "Alexis", "Debuisson");
        TestPerson former = agentOf(commune.id(), "Carole", "Casier");
        agentOf(commune.id(), "Philippe", "Cattoire");
        delegate(officer, commune.id(), "officier_etat_civil");
        granted(commune.mayorClient(), commune.id(), officer, "comedec", "officier");
        granted(commune.mayorClient(), commune.id(), agent, "comedec", "agent");
        String withdrawn = granted(commune.mayorClient(), commune.id(), former, "comedec", "agent").get("id").asString();
        assertThat(withdraw(commune.mayorClient(), commune.id(), withdrawn, "\"0\"").statusCode()).isEqualTo(200);
        String people = "/api/v1/collectivities/" + commune.id() + "/people";

        JsonNode holders = JSON.readTree(get(commune.mayorClient(), api(people + "?habilitation=COMEDEC")).body()).get("items");
        JsonNode officers = JSON.readTree(get(commune.mayorClient(), api(people + "?habilitation=comedec&habilitationLevel=officier"))
                .body()).get("items");

        assertThat(holders.findValuesAsString("id")).containsExactlyInAnyOrder(officer.id().toString(), agent.id().toString());
        assertThat(officers.findValuesAsString("id")).containsExactly(officer.id().toString());
        problem(get(commune.mayorClient(), api(people + "?habilitation=facebook")), 400, "validation-failed");
    }

    private List<String> auditActions(String target) {
        return database.sql("select action from audit_event where target = :target order by id").bind("target", target)
                .map(row -> row.get("action", String.class)).all().collectList().block();
    }
}
