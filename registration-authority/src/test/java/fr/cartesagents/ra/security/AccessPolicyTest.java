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
 * The roles a card certificate carries into the server, on the real database and over HTTPS: the
 * person of the directory the certificate was issued to, with the roles they hold today, none once
 * departed; and the facts the rules ask of the collectivities' and the directory's owners. The
 * rules themselves are tried without a server in {@link AccessPolicyRulesTest}.
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
    void theRulesReadTheirFactsFromTheOwnersOfTheTables() {
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Nord");
        UUID commune = directory.commune("Houplines", office);
        UUID elsewhere = directory.commune("Lyon", directory.office("Préfecture du Rhône"));
        database.sql("update collectivity set trust_suspended = true where id = :id").bind("id", commune).then().block();
        TestPerson agent = directory.person("Paul", "AGENT");
        directory.assign(agent, Role.AGENT, commune);

        assertThat(policy.readableCollectivities(actor(Grant.in(Role.REGISTRATION_OFFICER, office))).block().ids())
                .contains(commune).doesNotContain(elsewhere);
        assertThatThrownBy(() -> policy.require(actor(Grant.in(Role.MAYOR, commune)), Permission.ORDER_CARDS, commune).block())
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.TRUST_ROLES_SUSPENDED));
        assertThat(policy.requireSelfOr(actor(Grant.in(Role.DELEGATE, commune)), agent.id(), Permission.MANAGE_DIRECTORY)
                .blockOptional()).isEmpty();
        assertThatThrownBy(() -> policy.requireSelfOr(actor(Grant.in(Role.DELEGATE, elsewhere)), agent.id(),
                Permission.MANAGE_DIRECTORY).block()).isInstanceOf(ProblemException.class);
    }

    private static Actor actor(Grant grant) {
        return new Actor("test", Optional.empty(), Set.of(grant), "test", Optional.empty());
    }
}
