package fr.cartesagents.ra.habilitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * Security finding 2 (issue 10): a mayor or delegate who grants a habilitation to themselves gets a
 * request (202) that another manager of the collectivity sees and decides; the one who asked cannot
 * approve it; the approval grants the habilitation, and both steps are in the audit trail.
 */
class SelfGrantTest extends HabilitationTestBase {

    @Test
    void whenADelegateGrantsThemselvesAHabilitation_thenItWaitsForAnotherManagerWhoApprovesIt() {
        Commune commune = commune("Quatre-Yeux");
        TestPerson delegate = agentOf(commune.id(), "Karim", "N'Diaye");
        directory().assign(delegate, Role.DELEGATE, commune.id());
        HttpClient delegateClient = clientOf(delegate);

        HttpResponse<byte[]> asked = grant(delegateClient, commune.id(), delegate, "saip", "utilisateur");

        assertThat(asked.statusCode()).as(text(asked)).isEqualTo(202);
        JsonNode request = JSON.readTree(asked.body());
        assertThat(request.get("status").asString()).isEqualTo("pending");
        assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/habilitation-requests/" + request.get("id").asString()));
        assertThat(activeHabilitations(delegate.id(), commune.id())).as("nothing granted yet").isZero();

        HttpResponse<byte[]> pending = get(commune.mayorClient(), requests(commune.id(), ""));
        assertThat(pending.statusCode()).as(text(pending)).isEqualTo(200);
        assertThat(text(pending)).as("the mayor sees the pending request").contains(request.get("id").asString());

        String id = request.get("id").asString();
        String etag = asked.headers().firstValue("ETag").orElseThrow();
        problem(decide(delegateClient, commune.id(), id, "approval", etag), 403, "forbidden");
        assertThat(activeHabilitations(delegate.id(), commune.id())).as("the delegate cannot approve their own request").isZero();

        HttpResponse<byte[]> approved = decide(commune.mayorClient(), commune.id(), id, "approval", etag);

        assertThat(approved.statusCode()).as(text(approved)).isEqualTo(200);
        JsonNode decided = JSON.readTree(approved.body());
        assertThat(decided.get("status").asString()).isEqualTo("approved");
        assertThat(decided.get("decidedByPerson").asString()).isEqualTo(commune.mayor().id().toString());
        assertThat(activeHabilitations(delegate.id(), commune.id())).isEqualTo(1);
        assertThat(auditActions("habilitation_request:" + id)).containsExactly("habilitation.requested",
                "habilitation.request-approved");
        problem(decide(commune.mayorClient(), commune.id(), id, "rejection", approved.headers().firstValue("ETag").orElseThrow()),
                409, "illegal-transition");
    }

    @Test
    void whenTheMayorGrantsThemselvesAHabilitation_thenItWaitsAndADelegateMayRejectIt() {
        Commune commune = commune("Quatre-Yeux bis");
        TestPerson delegate = agentOf(commune.id(), "Sophie", "Dubois");
        directory().assign(delegate, Role.DELEGATE, commune.id());

        HttpResponse<byte[]> asked = grant(commune.mayorClient(), commune.id(), commune.mayor(), "saip", "utilisateur");

        assertThat(asked.statusCode()).as(text(asked)).isEqualTo(202);
        String id = JSON.readTree(asked.body()).get("id").asString();
        HttpResponse<byte[]> rejected = decide(clientOf(delegate), commune.id(), id, "rejection",
                asked.headers().firstValue("ETag").orElseThrow());
        assertThat(rejected.statusCode()).as(text(rejected)).isEqualTo(200);
        assertThat(JSON.readTree(rejected.body()).get("status").asString()).isEqualTo("rejected");
        assertThat(activeHabilitations(commune.mayor().id(), commune.id())).isZero();
    }

    private java.net.URI requests(UUID collectivity, String rest) {
        return api("/api/v1/collectivities/" + collectivity + "/habilitation-requests" + rest);
    }

    private HttpResponse<byte[]> decide(HttpClient client, UUID collectivity, String id, String decision, String etag) {
        return send(client, HttpRequest.newBuilder(requests(collectivity, "/" + id + "/" + decision)).header("If-Match", etag)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private long activeHabilitations(UUID person, UUID collectivity) {
        return database.sql("select count(*) as n from habilitation where person_id = :person and collectivity_id = :collectivity"
                        + " and status = 'active'")
                .bind("person", person).bind("collectivity", collectivity).map(row -> row.get("n", Long.class)).one().block();
    }

    private java.util.List<String> auditActions(String target) {
        return database.sql("select action from audit_event where target = :target order by id").bind("target", target)
                .map(row -> row.get("action", String.class)).all().collectList().block();
    }
}
