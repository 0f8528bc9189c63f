package fr.cartesagents.ra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;

/**
 * The roles a card certificate carries into the server, and the rules that turn them into
 * decisions, on the real database: own collectivity yes, another no, the office's collectivities
 * for its officers, trust permissions withdrawn from a suspended collectivity's mayor only.
 */
class AccessPolicyTest extends RunningServer {

    @Autowired
    AccessPolicy policy;

    @Test
    void whenAMayorLogsInWithTheirCard_thenTheServerKnowsTheirCommuneAndNothingElse() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Nord");
        UUID lille = directory.commune("Lille", office);
        TestPerson mayor = directory.person("Martine", "AUBRY");
        directory.assign(mayor, Role.MAYOR, lille);

        var response = get(clientOf(mayor), api("/api/v1/me"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains("\"role\":\"mayor\",\"scope\":\"" + lille + "\"")
                .contains("\"personId\":\"" + mayor.id() + "\"")
                .contains("\"role\":\"holder\"");
    }

    @Test
    void whenTheCallerIsDeparted_thenTheyHoldNoRoleAnyMore() {
        TestDirectory directory = directory();
        UUID commune = directory.commune("Roubaix", directory.office("Préfecture"));
        TestPerson agent = directory.person("Jean", "DÉPART");
        directory.assign(agent, Role.DELEGATE, commune);
        HttpClient client = clientOf(agent);
        database.sql("update person set status = 'departed', departed_at = now() where id = :id").bind("id", agent.id()).then().block();

        assertThat(text(get(client, api("/api/v1/me")))).doesNotContain("delegate").doesNotContain("holder");
    }

    @Test
    void whenNoCertificateIsPresented_thenMeIsUnauthorized() {
        var response = send(anonymousClient(), HttpRequest.newBuilder(api("/api/v1/me")).GET().build());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void mayorsAndDelegatesActOnlyOnTheirOwnCollectivity() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture");
        UUID own = directory.commune("Armentières", office);
        UUID other = directory.commune("Tourcoing", office);
        Actor delegate = actor(Grant.in(Role.DELEGATE, own));

        assertThat(policy.allows(delegate, Permission.MANAGE_DIRECTORY, own).block()).isTrue();
        assertThat(policy.allows(delegate, Permission.READ, other).block()).isFalse();
        assertThat(policy.allows(delegate, Permission.APPOINT_DELEGATES, own).block()).isFalse();
        assertThat(policy.allows(actor(Grant.in(Role.MAYOR, own)), Permission.APPOINT_DELEGATES, own).block()).isTrue();
        assertThatThrownBy(() -> policy.require(delegate, Permission.READ, other).block())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problemType()).isEqualTo(ProblemType.FORBIDDEN));
        assertThatThrownBy(() -> policy.require(delegate, Permission.READ, UUID.randomUUID()).block())
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.COLLECTIVITY_NOT_FOUND));
    }

    @Test
    void registrationOfficersActOnTheCollectivitiesTheirOfficeServes() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Nord");
        UUID served = directory.commune("La Chapelle-d'Armentières", office);
        UUID elsewhere = directory.commune("Lyon", directory.office("Préfecture du Rhône"));
        Actor officer = actor(Grant.in(Role.REGISTRATION_OFFICER, office));

        assertThat(policy.allows(officer, Permission.HAND_OVER_CARDS, served).block()).isTrue();
        assertThat(policy.allows(officer, Permission.HAND_OVER_CARDS, elsewhere).block()).isFalse();
        assertThat(policy.allows(officer, Permission.MANAGE_HABILITATIONS, served).block()).isFalse();
        assertThat(policy.readableCollectivities(officer).block().ids()).contains(served).doesNotContain(elsewhere);
    }

    @Test
    void aSuspendedCollectivityKeepsItsMayorOutOfTrustOperationsButNotItsOffice() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture");
        UUID commune = directory.commune("Houplines", office);
        database.sql("update collectivity set trust_suspended = true where id = :id").bind("id", commune).then().block();
        Actor mayor = actor(Grant.in(Role.MAYOR, commune));

        assertThatThrownBy(() -> policy.require(mayor, Permission.ORDER_CARDS, commune).block())
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.TRUST_ROLES_SUSPENDED));
        assertThat(policy.allows(mayor, Permission.MANAGE_DIRECTORY, commune).block()).isTrue();
        assertThat(policy.allows(actor(Grant.in(Role.REGISTRATION_OFFICER, office)), Permission.ORDER_CARDS, commune).block()).isTrue();
    }

    @Test
    void auditorsReadEverythingAndChangeNothing() {
        UUID commune = directory().commune("Lomme", directory().office("Préfecture"));
        Actor auditor = actor(Grant.everywhere(Role.AUDITOR));

        assertThat(policy.allows(auditor, Permission.READ, commune).block()).isTrue();
        assertThat(policy.allows(auditor, Permission.MANAGE_DIRECTORY, commune).block()).isFalse();
        assertThat(policy.readableCollectivities(auditor).block().all()).isTrue();
        assertThatThrownBy(() -> policy.requireEverywhere(auditor, Permission.ADMINISTER).block()).isInstanceOf(ProblemException.class);
    }

    private static Actor actor(Grant grant) {
        return new Actor("test", Optional.empty(), Set.of(grant), "test", Optional.empty());
    }
}
