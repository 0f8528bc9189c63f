package fr.cartesagents.ra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.cartesagents.ra.pki.OperationalPki;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authentication modes of the API, end to end over real mutual TLS: a card certificate (good,
 * revoked, unknown to our records, expired, from another CA), the same identity forwarded by a
 * trusted front (and refused from anybody else), and the demo login.
 */
class AuthenticationModesTest extends RunningServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    OperationalPki pki;

    @Test
    void whenACardCertificateIsGood_thenTheCallerIsThatPersonByClientCertificate() {
        TestPerson agent = agentOfANewCommune();
        JsonNode me = json(get(clientOf(agent), api("/api/v1/me")));
        assertThat(me.get("personId").asString()).isEqualTo(agent.id().toString());
        assertThat(me.get("authenticatedBy").asString()).isEqualTo(AuthenticationOrigin.CLIENT_CERTIFICATE);
    }

    @Test
    void whenTheCardCertificateIsRevoked_thenTheServerRefusesIt() {
        TestPerson agent = agentOfANewCommune();
        Path card = cardOf(agent);
        HttpClient client = client(card, CARD_PASSWORD);
        assertThat(get(client, api("/api/v1/me")).statusCode()).isEqualTo(200);

        revoke(CraftedCertificates.certificateIn(card, CARD_PASSWORD).getSerialNumber());

        HttpResponse<byte[]> refused = get(client, api("/api/v1/me"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(text(refused)).contains("urn:cartes-agents:problem:unauthenticated").contains("revoked");
    }

    @Test
    void whenACertificateOfOurCaIsNotOnRecord_thenTheServerRefusesIt() {
        CraftedCertificates.Crafted unrecorded = CraftedCertificates.clientCertificate(dataDirectory(),
                X500Name.getInstance(pki.issuing().certificate().getSubject()), pki.issuing().contentSigner(),
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)));

        HttpResponse<byte[]> refused = get(client(unrecorded.keyStore(), CraftedCertificates.PASSWORD), api("/api/v1/me"));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(text(refused)).contains("not on record");
    }

    @Test
    void whenTheCertificateHasExpired_thenTheHandshakeFails() {
        CraftedCertificates.Crafted expired = CraftedCertificates.clientCertificate(dataDirectory(),
                X500Name.getInstance(pki.issuing().certificate().getSubject()), pki.issuing().contentSigner(),
                Instant.now().minus(Duration.ofDays(2)), Instant.now().minus(Duration.ofDays(1)));
        HttpClient client = CraftedCertificates.presentingAnyway(expired, dataDirectory().resolve("ca-chain.pem"));

        assertThatThrownBy(() -> get(client, api("/api/v1/me"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void whenTheCertificateComesFromAnotherCa_thenTheHandshakeFails() {
        CraftedCertificates.Crafted foreign = CraftedCertificates.fromAnotherCa(dataDirectory());
        HttpClient client = CraftedCertificates.presentingAnyway(foreign, dataDirectory().resolve("ca-chain.pem"));

        assertThatThrownBy(() -> get(client, api("/api/v1/me"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void whenATrustedFrontForwardsAUsersCertificate_thenTheCallerIsThatUserByTrustedFront() {
        TestPerson agent = agentOfANewCommune();
        X509Certificate userCertificate = CraftedCertificates.certificateIn(cardOf(agent), CARD_PASSWORD);
        HttpClient front = trustedFront();

        HttpResponse<byte[]> response = getForwarding(front, CraftedCertificates.escapedPem(userCertificate));

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode me = json(response);
        assertThat(me.get("personId").asString()).isEqualTo(agent.id().toString());
        assertThat(me.get("authenticatedBy").asString()).isEqualTo(AuthenticationOrigin.TRUSTED_FRONT);
    }

    @Test
    void whenAnyoneButATrustedFrontSendsTheHeader_thenItIsRefusedAndLoggedWithoutItsContent() {
        TestPerson agent = agentOfANewCommune();
        String forwarded = CraftedCertificates.escapedPem(CraftedCertificates.certificateIn(cardOf(agent), CARD_PASSWORD));
        TestPerson impostor = agentOfANewCommune();
        Logger logger = (Logger) LoggerFactory.getLogger(ClientCertificateAuthentication.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            HttpResponse<byte[]> fromAUser = getForwarding(clientOf(impostor), forwarded);
            HttpResponse<byte[]> fromNobody = getForwarding(anonymousClient(), forwarded);

            assertThat(fromAUser.statusCode()).isEqualTo(401);
            assertThat(fromNobody.statusCode()).isEqualTo(401);
            assertThat(text(fromAUser)).contains("trusted front");
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(logs.list).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(event -> {
                    assertThat(event.getLevel().toString()).isEqualTo("WARN");
                    assertThat(event.getFormattedMessage()).contains("X-Client-Certificate")
                            .doesNotContain("BEGIN").doesNotContain(forwarded.substring(40, 80));
                });
    }

    @Test
    void whenATrustedFrontForwardsARevokedOrUnreadableOrAdministratorCertificate_thenNoAdministratorRightsAndNoLogin() {
        HttpClient front = trustedFront();
        TestPerson agent = agentOfANewCommune();
        Path card = cardOf(agent);
        X509Certificate userCertificate = CraftedCertificates.certificateIn(card, CARD_PASSWORD);
        revoke(userCertificate.getSerialNumber());

        assertThat(getForwarding(front, CraftedCertificates.escapedPem(userCertificate)).statusCode()).isEqualTo(401);
        assertThat(getForwarding(front, "not%20a%20certificate").statusCode()).isEqualTo(401);
        X509Certificate administrator = CraftedCertificates.certificateIn(dataDirectory().resolve("admin.p12"),
                readString(dataDirectory().resolve("admin.p12.password")));
        HttpResponse<byte[]> asAdministrator = send(front, HttpRequest.newBuilder(api("/api/v1/admin/certificates/1"))
                .header(ForwardedCertificate.HEADER, CraftedCertificates.escapedPem(administrator)).GET().build());
        assertThat(asAdministrator.statusCode()).isEqualTo(403);
    }

    @Test
    void whenADemoUserLogsIn_thenTheBearerTokenActsAsThatSeededUserOfArmentieres() {
        HttpResponse<byte[]> login = postJson(anonymousClient(), api("/api/v1/demo/login"), "{\"user\": \"maire\"}", null);
        assertThat(login.statusCode()).as(text(login)).isEqualTo(200);
        String token = json(login).get("token").asString();
        UUID armentieres = database.sql("select id from collectivity where insee_code = '59017' and siren = '215900176'"
                + " and name = 'Armentières'").map(row -> row.get("id", UUID.class)).one().block();

        JsonNode me = json(send(anonymousClient(), HttpRequest.newBuilder(api("/api/v1/me"))
                .header("Authorization", "Bearer " + token).GET().build()));

        assertThat(me.get("authenticatedBy").asString()).isEqualTo(AuthenticationOrigin.DEMO);
        assertThat(me.toString()).contains("\"role\":\"mayor\",\"scope\":\"" + armentieres + "\"");
        for (String user : new String[] {"delegue", "agent", "officier", "auditeur"}) {
            assertThat(postJson(anonymousClient(), api("/api/v1/demo/login"), "{\"user\": \"" + user + "\"}", null).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void whenTheDemoTokenIsForgedOrTheUserUnknown_thenNoLogin() {
        HttpResponse<byte[]> unknown = postJson(anonymousClient(), api("/api/v1/demo/login"), "{\"user\": \"préfet\"}", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(text(unknown)).contains("maire");
        String token = json(postJson(anonymousClient(), api("/api/v1/demo/login"), "{\"user\": \"agent\"}", null))
                .get("token").asString();
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        HttpResponse<byte[]> refused = send(anonymousClient(), HttpRequest.newBuilder(api("/api/v1/me"))
                .header("Authorization", "Bearer " + forged).GET().build());

        assertThat(refused.statusCode()).isEqualTo(401);
    }

    private TestPerson agentOfANewCommune() {
        TestDirectory directory = directory();
        UUID commune = directory.commune("Houplines", directory.office("Préfecture du Nord"));
        TestPerson agent = directory.person("Zoé", "Lefèvre-Saint-Éloi");
        directory.assign(agent, Role.AGENT, commune);
        return agent;
    }

    /** A client whose own certificate is registered as a trusted front's. */
    private HttpClient trustedFront() {
        TestPerson frontIdentity = directory().person("Portail", "Frontal");
        Path card = cardOf(frontIdentity);
        CraftedCertificates.registerTrustedFront(database, CraftedCertificates.certificateIn(card, CARD_PASSWORD));
        return client(card, CARD_PASSWORD);
    }

    private HttpResponse<byte[]> getForwarding(HttpClient client, String header) {
        return send(client, HttpRequest.newBuilder(api("/api/v1/me")).header(ForwardedCertificate.HEADER, header).GET().build());
    }

    private void revoke(BigInteger serial) {
        HttpResponse<byte[]> revoked = postJson(administratorClient(),
                api("/api/v1/admin/certificates/" + serial.toString(16) + "/revocation"), "{\"reason\": \"keyCompromise\"}", newKey());
        assertThat(revoked.statusCode()).as(text(revoked)).isEqualTo(200);
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
