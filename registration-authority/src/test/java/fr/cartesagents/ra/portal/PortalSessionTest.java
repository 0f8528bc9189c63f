package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal session over real HTTPS, without a browser: the cookie's attributes, the session as a
 * credential of the API for the same actor as the card certificate or the demo login, a card
 * session bound to its certificate (real mutual TLS with two client certificates), the
 * anti-CSRF token, logout, inactivity, and a revoked certificate ending its session.
 */
class PortalSessionTest extends RunningServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COOKIE = "__Host-cartes-session";

    record Opened(String cookie, String csrfToken, String setCookie) {
    }

    @Test
    void whenACardOpensASession_thenTheCookieOnThatCardsConnectionIsThatPerson_untilTheCertificateIsRevoked() throws Exception {
        TestPerson agent = directory().agentOfANewCommune("Zoé", "Lefèvre-Saint-Éloi");
        Path card = cardOf(agent);
        HttpClient withCard = client(card, CARD_PASSWORD);
        Opened session = open(withCard, null);
        assertThat(session.setCookie()).startsWith(COOKIE + "=").contains("Path=/").contains("Secure").contains("HttpOnly")
                .contains("SameSite=Strict").doesNotContain("Domain");

        // The cookie on a new connection with the same card is the same person
        JsonNode me = json(get(client(card, CARD_PASSWORD), "/api/v1/me", session));
        assertThat(me.get("personId").asString()).isEqualTo(agent.id().toString());
        assertThat(database.sql("select count(*) as n from portal_session where token_hash = sha256(convert_to(:cookie, 'UTF8'))")
                .bind("cookie", session.cookie()).map(row -> row.get("n", Long.class)).one().block())
                .as("only the cookie's hash is stored").isEqualTo(1);
        assertThat(database.sql("select count(*) as n from audit_event where action = 'portal-session.opened' and target = :target")
                .bind("target", "person:" + agent.id()).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);

        revoke(certificateIn(card).getSerialNumber());
        assertThat(get(withCard, "/api/v1/me", session).statusCode()).isEqualTo(401);
    }

    @Test
    void whenTheCookieComesWithAnotherCertificateOrNone_thenItIsRefusedAndTheSessionEnded() throws Exception {
        TestPerson holder = directory().agentOfANewCommune("Inès", "Garnier");
        TestPerson other = directory().agentOfANewCommune("Hugo", "Perrin");
        Path holderCard = cardOf(holder);
        HttpClient otherCard = client(cardOf(other), CARD_PASSWORD);
        String holderSerial = certificateIn(holderCard).getSerialNumber().toString(16);

        // Replayed from another card's connection: 401, not the other person, and the session is over for its holder too
        Opened copied = open(client(holderCard, CARD_PASSWORD), null);
        HttpResponse<byte[]> replayed = get(otherCard, "/api/v1/me", copied);
        assertThat(replayed.statusCode()).as(text(replayed)).isEqualTo(401);
        assertThat(text(replayed)).contains("another client certificate");
        assertThat(sessionsOf(copied)).isZero();
        assertThat(get(client(holderCard, CARD_PASSWORD), "/portail/session", copied).statusCode()).as("no live session").isEqualTo(404);
        assertThat(json(get(otherCard, "/api/v1/me", null)).get("personId").asString())
                .as("without the cookie, the other card is its own person").isEqualTo(other.id().toString());

        // Replayed without any certificate, a state change with the right anti-CSRF token: 401 as well, nothing created
        Opened stolen = open(client(holderCard, CARD_PASSWORD), null);
        long people = count("person");
        HttpResponse<byte[]> posted = post("/api/v1/collectivities/" + UUID.randomUUID() + "/people", stolen, stolen.csrfToken());
        assertThat(posted.statusCode()).as(text(posted)).isEqualTo(401);
        assertThat(sessionsOf(stolen)).isZero();
        assertThat(count("person")).isEqualTo(people);
        assertThat(database.sql("select count(*) as n from audit_event where action = 'portal-session.ended' and target = :target"
                        + " and details ->> 'reason' = 'another-certificate'")
                .bind("target", "certificate:" + holderSerial).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(2);

        // The other card logs in despite the dead cookie: a session of its own
        HttpResponse<byte[]> relogin = send(otherCard, HttpRequest.newBuilder(api("/portail/session")).timeout(Duration.ofSeconds(30))
                .header("Cookie", COOKIE + "=" + copied.cookie()).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(relogin.statusCode()).as(text(relogin)).isEqualTo(201);
    }

    private long sessionsOf(Opened session) {
        return database.sql("select count(*) as n from portal_session where token_hash = sha256(convert_to(:cookie, 'UTF8'))")
                .bind("cookie", session.cookie()).map(row -> row.get("n", Long.class)).one().block();
    }

    @Test
    void whenAStateChangeOfTheSessionLacksItsCsrfToken_thenItIsRefused_andWithItTheRequestGoesThrough() {
        Opened session = open(anonymousClient(), demoToken("maire"));
        String path = "/api/v1/collectivities/" + UUID.randomUUID() + "/people";
        assertThat(post(path, session, null).statusCode()).isEqualTo(403);
        assertThat(post(path, session, "not-the-token").statusCode()).isEqualTo(403);
        // With the token the request reaches the directory, which refuses a commune the mayor does not run
        HttpResponse<byte[]> through = post(path, session, session.csrfToken());
        assertThat(through.statusCode()).isIn(403, 404);
        assertThat(text(through)).doesNotContain("anti-CSRF");
        assertThat(text(post(path, session, null))).contains("anti-CSRF");
    }

    @Test
    void whenTheSessionIsIdleTooLong_orLoggedOut_thenTheCookieIsWorthNothing() {
        Opened idle = open(anonymousClient(), demoToken("delegue"));
        assertThat(get(anonymousClient(), "/api/v1/me", idle).statusCode()).isEqualTo(200);
        database.sql("update portal_session set last_seen_at = last_seen_at - interval '16 minutes'").then().block();
        assertThat(get(anonymousClient(), "/api/v1/me", idle).statusCode()).isEqualTo(401);

        Opened loggedOut = open(anonymousClient(), demoToken("agent"));
        HttpResponse<byte[]> logout = send(anonymousClient(), HttpRequest.newBuilder(api("/portail/session")).timeout(Duration.ofSeconds(30))
                .header("Cookie", COOKIE + "=" + loggedOut.cookie()).header("X-CSRF-Token", loggedOut.csrfToken()).DELETE().build());
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(get(anonymousClient(), "/api/v1/me", loggedOut).statusCode()).isEqualTo(401);
        assertThat(get(anonymousClient(), "/portail/session", loggedOut).statusCode()).isEqualTo(401);
        assertThat(get(client(cardOf(directory().agentOfANewCommune("Marc", "Dubois")), CARD_PASSWORD), "/portail/session", loggedOut)
                .statusCode()).as("a card but no live session").isEqualTo(404);
    }

    @Test
    void whenNoCredentialIsPresented_thenThePortalPagesAreServed_butNoSessionIsOpened() {
        HttpResponse<byte[]> root = get(anonymousClient(), "/", null);
        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).hasValue("/portail/");
        HttpResponse<byte[]> page = get(anonymousClient(), "/portail/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(text(page)).contains("<html lang=\"fr\"").contains("fr-skiplinks");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        assertThat(get(anonymousClient(), "/portail/vendor/dsfr/dsfr.min.css", null).statusCode()).isEqualTo(200);
        long sessions = count("portal_session");
        HttpResponse<byte[]> refused = send(anonymousClient(), HttpRequest.newBuilder(api("/portail/session")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(count("portal_session")).isEqualTo(sessions);
    }

    private Opened open(HttpClient client, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api("/portail/session")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> response = send(client, request.build());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(COOKIE.length() + 1, setCookie.indexOf(';'));
        return new Opened(cookie, JSON.readTree(response.body()).get("csrfToken").asString(), setCookie);
    }

    private String demoToken(String user) {
        HttpResponse<byte[]> login = postJson(anonymousClient(), api("/api/v1/demo/login"), "{\"user\": \"" + user + "\"}", null);
        return JSON.readTree(login.body()).get("token").asString();
    }

    private HttpResponse<byte[]> get(HttpClient client, String path, Opened session) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).timeout(Duration.ofSeconds(30)).GET();
        if (session != null) {
            request.header("Cookie", COOKIE + "=" + session.cookie());
        }
        return send(client, request.build());
    }

    private HttpResponse<byte[]> post(String path, Opened session, String csrfToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", COOKIE + "=" + session.cookie()).header("Content-Type", "application/json")
                .header("Idempotency-Key", newKey()).POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        return send(anonymousClient(), request.build());
    }

    private void revoke(BigInteger serial) {
        HttpResponse<byte[]> revoked = postJson(administratorClient(),
                api("/api/v1/admin/certificates/" + serial.toString(16) + "/revocation"), "{\"reason\": \"keyCompromise\"}", newKey());
        assertThat(revoked.statusCode()).as(text(revoked)).isEqualTo(200);
    }

    private static X509Certificate certificateIn(Path pkcs12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, CARD_PASSWORD.toCharArray());
        }
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
