package fr.cartesagents.ra.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import fr.cartesagents.ra.testsupport.Mailbox;
import fr.cartesagents.ra.testsupport.PkiChecks;
import fr.cartesagents.ra.testsupport.TestCards.TestCard;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Revocation of a card through the API (Art. VI) on the whole server: after each step the card, the
 * database, OCSP and the CRL (asked with openssl), the audit chain and the e-mails are checked.
 */
class CardRevocationTest extends CardLifecycleServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration MAIL = Duration.ofSeconds(20);

    @BeforeEach
    void world() {
        freshCommune("Révocation-" + newKey().substring(0, 6));
    }

    @Test
    void whenTheHolderDeclaresALoss_thenBothCertificatesAreRevokedAtOnce_inOcspAndTheCrl_andEveryoneIsTold() {
        TestPerson agent = agent("Perte");
        TestCard card = personalizedCardOf(agent);
        PkiChecks pki = pkiChecks();
        assertThat(pki.ocsp(card.authenticationSerial())).startsWith("good");
        HttpClient holder = client(card.loginKeyStore(), CARD_PASSWORD);
        String key = newKey();
        long fullCrls = fullCrls();

        HttpResponse<byte[]> revoked = postJson(holder, api("/api/v1/cards/" + card.id() + "/revocation"), "{\"reason\": \"loss\"}", key);

        assertThat(revoked.statusCode()).as(text(revoked)).isEqualTo(200);
        JsonNode body = JSON.readTree(revoked.body());
        assertThat(body.get("state").asString()).isEqualTo("revoked");
        assertThat(body.get("rfc5280Reason").asString()).isEqualTo("keyCompromise");
        assertThat(body.get("certificates").findValuesAsString("status")).containsExactly("revoked", "revoked");
        // The database: the card and both certificates.
        assertThat(cardState(card.id())).isEqualTo("revoked");
        assertThat(certificateStatus(card.authenticationSerial())).isEqualTo("revoked/keyCompromise");
        assertThat(certificateStatus(card.signatureSerial())).isEqualTo("revoked/keyCompromise");
        // OCSP at once, for both, with the reason; the CRL regenerated at once, listing both.
        assertThat(pki.ocsp(card.authenticationSerial())).startsWith("revoked").contains("Reason: keyCompromise");
        assertThat(pki.ocsp(card.signatureSerial())).startsWith("revoked").contains("Reason: keyCompromise");
        assertThat(fullCrls()).as("one CRL for both certificates").isEqualTo(fullCrls + 1);
        String crl = pki.crlText();
        assertThat(PkiChecks.lists(crl, card.authenticationSerial())).as(crl).isTrue();
        assertThat(PkiChecks.lists(crl, card.signatureSerial())).as(crl).isTrue();
        // The audit trail: the card's move, each certificate's revocation, an intact chain.
        assertThat(auditActions("card:" + card.id())).containsSubsequence("card.personalized", "card.revoke");
        assertThat(auditActions("certificate:" + card.authenticationSerial())).contains("certificate.revoked");
        assertThat(auditActions("certificate:" + card.signatureSerial())).contains("certificate.revoked");
        assertAuditChainIntact();
        // The holder's confirmation, the mayor's and the delegate's notice, in French.
        assertThat(Mailbox.subject(Mailbox.awaitTo(email(agent), 1, MAIL).get(0)))
                .isEqualTo("Votre carte n° " + card.cardSerial() + " est révoquée");
        assertThat(Mailbox.body(Mailbox.awaitTo(email(mayor), 1, MAIL).get(0)))
                .contains("Motif : perte de la carte.", "Demandée par : le titulaire.");
        Mailbox.awaitTo(email(delegate), 1, MAIL);

        // A retry with the same key gets the same answer; a new request is a 409; the card no longer logs in.
        HttpResponse<byte[]> replay = postJson(administratorClient(), api("/api/v1/cards/" + card.id() + "/revocation"),
                "{\"reason\": \"loss\"}", newKey());
        assertThat(replay.statusCode()).as(text(replay)).isEqualTo(409);
        assertThat(text(replay)).contains("illegal-transition");
        HttpResponse<byte[]> me = send(holder, HttpRequest.newBuilder(api("/api/v1/me")).GET().build());
        assertThat(me.statusCode()).isEqualTo(401);
    }

    @Test
    void theSameIdempotencyKeyReplaysTheAnswer_andARevokedCardCannotBeRevokedAgain() {
        TestCard card = personalizedCardOf(agent("Rejeu"));
        HttpClient office = clientOf(officer);
        String key = newKey();
        HttpResponse<byte[]> first = postJson(office, api("/api/v1/cards/" + card.id() + "/revocation"), "{\"reason\": \"defect\"}", key);
        HttpResponse<byte[]> again = postJson(office, api("/api/v1/cards/" + card.id() + "/revocation"), "{\"reason\": \"defect\"}", key);
        assertThat(first.statusCode()).as(text(first)).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(certificateStatus(card.signatureSerial())).isEqualTo("revoked/cessationOfOperation");
        long events = auditActions("card:" + card.id()).stream().filter("card.revoke"::equals).count();

        HttpResponse<byte[]> conflict = postJson(office, api("/api/v1/cards/" + card.id() + "/revocation"),
                "{\"reason\": \"key_compromise\"}", newKey());
        assertThat(conflict.statusCode()).as(text(conflict)).isEqualTo(409);
        assertThat(certificateStatus(card.signatureSerial())).isEqualTo("revoked/cessationOfOperation");
        assertThat(auditActions("card:" + card.id()).stream().filter("card.revoke"::equals).count()).isEqualTo(events).isEqualTo(1);
    }

    @Test
    void eachCapacityHasItsReasons_andARefusalChangesNothing() {
        TestPerson agent = agent("Motifs");
        TestCard card = personalizedCardOf(agent);
        HttpClient holder = client(card.loginKeyStore(), CARD_PASSWORD);
        String path = "/api/v1/cards/" + card.id() + "/revocation";

        assertThat(postJson(holder, api(path), "{\"reason\": \"departure\"}", newKey()).statusCode()).isEqualTo(403);
        assertThat(postJson(clientOf(delegate), api(path), "{\"reason\": \"defect\"}", newKey()).statusCode()).isEqualTo(403);
        assertThat(postJson(clientOf(delegate), api(path), "{\"reason\": \"stolen\"}", newKey()).statusCode()).isEqualTo(400);
        TestPerson stranger = directory().person("Xavier", "Étranger");
        directory().assign(stranger, fr.cartesagents.ra.security.Role.DELEGATE,
                directory().commune("Ailleurs", directory().office("Autre préfecture")));
        assertThat(postJson(clientOf(stranger), api(path), "{\"reason\": \"loss\"}", newKey()).statusCode()).isEqualTo(403);
        assertThat(cardState(card.id())).isEqualTo("personalized");
        assertThat(certificateStatus(card.authenticationSerial())).isEqualTo("good");

        HttpResponse<byte[]> byDelegate = postJson(clientOf(delegate), api(path), "{\"reason\": \"function_change\"}", newKey());
        assertThat(byDelegate.statusCode()).as(text(byDelegate)).isEqualTo(200);
        assertThat(certificateStatus(card.authenticationSerial())).isEqualTo("revoked/cessationOfOperation");
        assertThat(pkiChecks().ocsp(card.signatureSerial())).startsWith("revoked").contains("Reason: cessationOfOperation");
    }

    @Test
    void theDepartureOfAnAgentRevokesTheirCardsAndWithdrawsTheirHabilitations_inOneTransaction() {
        TestPerson agent = agent("Départ");
        TestCard card = personalizedCardOf(agent);
        long version = database.sql("select version from person where id = :id").bind("id", agent.id())
                .map(row -> row.get("version", Long.class)).one().block();

        HttpResponse<byte[]> departed = send(clientOf(delegate), HttpRequest.newBuilder(
                        api("/api/v1/collectivities/" + commune + "/people/" + agent.id() + "/departure"))
                .header("If-Match", "\"" + version + "\"").POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(departed.statusCode()).as(text(departed)).isEqualTo(200);
        assertThat(cardState(card.id())).isEqualTo("revoked");
        assertThat(certificateStatus(card.authenticationSerial())).isEqualTo("revoked/affiliationChanged");
        assertThat(certificateStatus(card.signatureSerial())).isEqualTo("revoked/affiliationChanged");
        assertThat(pkiChecks().ocsp(card.authenticationSerial())).startsWith("revoked").contains("Reason: affiliationChanged");
        assertThat(PkiChecks.lists(pkiChecks().crlText(), card.signatureSerial())).isTrue();
        assertThat(auditActions("person:" + agent.id())).contains("directory.person-departed");
        assertThat(auditActions("card:" + card.id())).contains("card.revoke");
        assertAuditChainIntact();
    }

    private long fullCrls() {
        return database.sql("select count(*) as n from crl where ca_id = 'act' and not delta").map(row -> row.get("n", Long.class))
                .one().block();
    }
}
