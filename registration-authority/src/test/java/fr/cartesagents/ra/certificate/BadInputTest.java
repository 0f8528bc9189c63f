package fr.cartesagents.ra.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.testsupport.CertificateRequests;
import fr.cartesagents.ra.testsupport.RunningServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the server must refuse: each gets a clear 4xx problem document (or an OCSP error
 * status), and leaves no trace: no certificate, no audit event, no idempotency record, no CRL.
 */
class BadInputTest extends RunningServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TABLES = List.of("certificate", "audit_event", "idempotency_key", "crl");
    private static OpenSsl openssl;

    @TempDir
    Path work;

    private List<Long> before;

    @BeforeAll
    static void tools() {
        openssl = OpenSsl.require();
    }

    @BeforeEach
    void countRows() {
        before = TABLES.stream().map(this::count).toList();
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(TABLES.stream().map(this::count).toList()).as("rows in " + TABLES).isEqualTo(before);
    }

    @Test
    void whenTheCsrIsNotPem_thenMalformedRequest400() {
        JsonNode problem = refused(CertificateRequests.issueJson("authentication", "not a certificate request", "BAD-1"), 400);
        assertThat(problem.get("reason").asString()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void whenThePemHoldsGarbage_thenMalformedRequest400() {
        String garbage = "-----BEGIN CERTIFICATE REQUEST-----\nAAECAwQFBgcICQ==\n-----END CERTIFICATE REQUEST-----\n";
        JsonNode problem = refused(CertificateRequests.issueJson("authentication", garbage, "BAD-2"), 400);
        assertThat(problem.get("reason").asString()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void whenTheCsrSignatureIsBroken_thenBadSignature422() throws Exception {
        String csr = CertificateRequests.csr(openssl, work, "tampered", "rsa:2048");
        byte[] der;
        try (PemReader reader = new PemReader(new java.io.StringReader(csr))) {
            der = reader.readPemObject().getContent();
        }
        der[der.length - 5] ^= 0x01; // inside the signature value
        String tampered = PemFiles.toPem("CERTIFICATE REQUEST", der);
        JsonNode problem = refused(CertificateRequests.issueJson("authentication", tampered, "BAD-3"), 422);
        assertThat(problem.get("reason").asString()).isEqualTo("BAD_SIGNATURE");
    }

    @Test
    void whenTheKeyIsRsa1024_thenWeakKey422() {
        String csr = CertificateRequests.csr(openssl, work, "weak", "rsa:1024");
        JsonNode problem = refused(CertificateRequests.issueJson("signature", csr, "BAD-4"), 422);
        assertThat(problem.get("reason").asString()).isEqualTo("WEAK_KEY");
    }

    @Test
    void whenTheProfileIsUnknown_thenUnknownProfile422() {
        String csr = CertificateRequests.csr(openssl, work, "profile", "ec");
        for (String profile : List.of("tls-server", "root-ca", "no-such-profile")) {
            JsonNode problem = refused(CertificateRequests.issueJson(profile, csr, "BAD-5"), 422);
            assertThat(problem.get("reason").asString()).isEqualTo("UNKNOWN_PROFILE");
        }
    }

    @Test
    void whenTheSirenFailsItsCheckDigit_thenInvalidSubject422() {
        String csr = CertificateRequests.csr(openssl, work, "siren", "ec");
        JsonNode problem = refused(CertificateRequests.issueJson("authentication", csr, "BAD-6").replace("217500016", "217500017"), 422);
        assertThat(problem.get("reason").asString()).isEqualTo("INVALID_SUBJECT");
    }

    @Test
    void whenTheBodyIsLargerThan256KiB_thenRequestTooLarge413() {
        String huge = CertificateRequests.issueJson("authentication", "A".repeat(300 * 1024), "BAD-7");
        refused(huge, 413);
    }

    @Test
    void whenTheCsrIsLargerThan64KiB_thenRequestTooLarge413WithItsReason() {
        String big = "-----BEGIN CERTIFICATE REQUEST-----\n" + "QUFB\n".repeat(25_000) + "-----END CERTIFICATE REQUEST-----\n";
        JsonNode problem = refused(CertificateRequests.issueJson("authentication", big, "BAD-8"), 413);
        assertThat(problem.get("reason").asString()).isEqualTo("REQUEST_TOO_LARGE");
    }

    @Test
    void whenTheJsonIsBroken_thenBadRequest400() {
        refused("{\"profile\": ", 400);
    }

    @Test
    void whenFieldsAreMissing_thenBadRequest400NamingThem() {
        JsonNode problem = refused("{\"profile\": \"authentication\"}", 400);
        assertThat(problem.get("detail").asString()).contains("csr").contains("subject");
    }

    @Test
    void whenTheIdempotencyKeyIsMissing_thenBadRequest400() {
        String csr = CertificateRequests.csr(openssl, work, "nokey", "ec");
        HttpResponse<byte[]> response = postJson(administratorClient(), api("/api/v1/admin/certificates"),
                CertificateRequests.issueJson("authentication", csr, "BAD-9"), null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("urn:cartes-agents:problem:idempotency-key-missing");
    }

    @Test
    void whenAnUnknownSerialIsRevoked_thenNotFound404() {
        HttpResponse<byte[]> response = postJson(administratorClient(), api("/api/v1/admin/certificates/7a3f00dd/revocation"),
                "{\"reason\": \"keyCompromise\"}", newKey());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(text(response)).contains("certificate-not-found");
        assertThat(get(administratorClient(), api("/api/v1/admin/certificates/7a3f00dd")).statusCode()).isEqualTo(404);
    }

    @Test
    void whenTheRevocationReasonIsUnknown_thenBadRequest400() {
        HttpResponse<byte[]> response = postJson(administratorClient(), api("/api/v1/admin/certificates/7a3f00dd/revocation"),
                "{\"reason\": \"lostMyCard\"}", newKey());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("keyCompromise");
    }

    @Test
    void whenTheOcspRequestIsMalformed_thenTheResponderAnswersMalformedRequest() throws Exception {
        HttpResponse<byte[]> post = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(pki("/pki/ocsp"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})).build());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        assertThat(new OCSPResp(post.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);

        HttpResponse<byte[]> getGarbage = get(HttpClient.newHttpClient(), pki("/pki/ocsp/not*base64@@"));
        assertThat(getGarbage.statusCode()).as(text(getGarbage)).isEqualTo(200);
        assertThat(new OCSPResp(getGarbage.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);

        String notOcsp = Base64.getEncoder().encodeToString("hello".getBytes());
        HttpResponse<byte[]> getWrong = get(HttpClient.newHttpClient(), pki("/pki/ocsp/" + notOcsp));
        assertThat(new OCSPResp(getWrong.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    private JsonNode refused(String json, int status) {
        HttpResponse<byte[]> response = postJson(administratorClient(), api("/api/v1/admin/certificates"), json, newKey());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).startsWith("urn:cartes-agents:problem:");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        return problem;
    }

}
