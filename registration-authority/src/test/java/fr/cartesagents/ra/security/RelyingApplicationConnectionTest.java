package fr.cartesagents.ra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security findings 5 and 6 (issue 10): relying-application rights come only with the TLS client
 * certificate of the application's own connection. The same certificate forwarded by a trusted front
 * is not the application (a front could otherwise act as any of them), and a caller with no
 * certificate at all (a demo bearer token) is refused with 403, never a 500.
 */
class RelyingApplicationConnectionTest extends RunningServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHECK = "{\"issuer\": \"CN=Nobody,C=FR\", \"serial\": \"01\", \"application\": \"saip\"}";

    @Test
    void whenATrustedFrontForwardsARelyingApplicationsCertificate_thenTheCheckIsRefused() {
        Path applicationCard = registeredRelyingApplication();
        HttpResponse<byte[]> direct = postJson(client(applicationCard, CARD_PASSWORD), api("/api/v1/habilitation-checks"), CHECK, null);
        assertThat(direct.statusCode()).as("the application itself, over its own TLS connection: " + text(direct)).isEqualTo(200);

        HttpClient front = trustedFront();
        String forwarded = CraftedCertificates.escapedPem(CraftedCertificates.certificateIn(applicationCard, CARD_PASSWORD));
        for (String route : new String[] {"/api/v1/habilitation-checks", "/api/v1/habilitation-statements"}) {
            HttpResponse<byte[]> relayed = send(front, HttpRequest.newBuilder(api(route))
                    .header("Content-Type", "application/json").header(ForwardedCertificate.HEADER, forwarded)
                    .POST(HttpRequest.BodyPublishers.ofString(CHECK)).build());

            assertThat(relayed.statusCode()).as(route + " through a trusted front: " + text(relayed)).isEqualTo(403);
            assertThat(text(relayed)).contains("urn:cartes-agents:problem:forbidden");
        }
    }

    @Test
    void whenTheCallerHasABearerTokenAndNoCertificate_thenTheCheckRoutesAnswer403NotA500() {
        String token = JSON.readTree(postJson(anonymousClient(), api("/api/v1/demo/login"), "{\"user\": \"maire\"}", null).body())
                .get("token").asString();
        for (String route : new String[] {"/api/v1/habilitation-checks", "/api/v1/habilitation-statements"}) {
            HttpResponse<byte[]> response = send(anonymousClient(), HttpRequest.newBuilder(api(route))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(CHECK)).build());

            assertThat(response.statusCode()).as(route + " with a bearer token: " + text(response)).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
    }

    /** A relying application's card-like login, registered by the administrator for SAIP. */
    private Path registeredRelyingApplication() {
        TestPerson machine = new TestPerson(UUID.randomUUID(), "APP" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
                "Application", "Utilisatrice");
        Path card = cardOf(machine);
        X509Certificate certificate = CraftedCertificates.certificateIn(card, CARD_PASSWORD);
        String body = "{\"name\": \"SAIP %s\", \"fingerprintSha256\": \"%s\", \"applications\": [\"saip\"]}"
                .formatted(UUID.randomUUID(), fingerprint(certificate));
        HttpResponse<byte[]> registered = postJson(administratorClient(), api("/api/v1/admin/relying-applications"), body, newKey());
        assertThat(registered.statusCode()).as(text(registered)).isEqualTo(201);
        return card;
    }

    private HttpClient trustedFront() {
        Path card = cardOf(directory().person("Portail", "Frontal"));
        CraftedCertificates.registerTrustedFront(database, CraftedCertificates.certificateIn(card, CARD_PASSWORD));
        return client(card, CARD_PASSWORD);
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return CertificateFingerprint.sha256(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
