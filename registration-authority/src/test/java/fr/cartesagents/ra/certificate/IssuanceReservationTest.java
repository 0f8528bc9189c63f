package fr.cartesagents.ra.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.testsupport.CertificateRequests;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.SigningFaults;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The serial is on record before the CA key signs: a successful issuance leaves its reservation
 * and its issuance in the audit chain; a token that fails to sign leaves a pending serial that can
 * still be revoked (so a certificate signed just before a crash would be covered by the CRL).
 */
@Import(SigningFaults.class)
class IssuanceReservationTest extends RunningServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static OpenSsl openssl;

    @TempDir
    Path work;

    @Autowired
    AuditTrail audit;

    @BeforeAll
    static void tools() {
        openssl = OpenSsl.require();
    }

    @AfterEach
    void healTheToken() {
        SigningFaults.heal();
    }

    @Test
    void whenIssued_thenOneRowWithItsDerAndTheReservedThenIssuedEventsInTheChain() {
        long before = count("certificate");
        HttpResponse<byte[]> response = issue("RES-OK", newKey());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
        String serial = JSON.readTree(response.body()).get("serial").asString();

        assertThat(count("certificate")).isEqualTo(before + 1);
        assertThat(row(serial)).isEqualTo("good with DER");
        assertThat(actions(serial)).containsExactly("certificate.reserved", "certificate.issued");
        assertThat(audit.firstBrokenLink().block()).isEmpty();
    }

    @Test
    void whenTheTokenFailsToSign_thenThe500LeavesAPendingSerialThatCanBeRevokedAndIsOnTheNextCrl() throws Exception {
        long before = count("certificate");
        long keysBefore = count("idempotency_key");
        String key = newKey();
        SigningFaults.arm();
        HttpResponse<byte[]> failed = issue("RES-FAIL", key);
        SigningFaults.heal();

        assertThat(failed.statusCode()).as(text(failed)).isEqualTo(500);
        assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(failed.body());
        assertThat(problem.get("type").asString()).endsWith("issuance-failed");
        String serial = problem.get("serial").asString();
        assertThat(count("certificate")).isEqualTo(before + 1);
        assertThat(count("idempotency_key")).as("a failure stores no response").isEqualTo(keysBefore);
        assertThat(row(serial)).isEqualTo("pending without DER");
        assertThat(actions(serial)).containsExactly("certificate.reserved");

        HttpResponse<byte[]> shown = get(administratorClient(), api("/api/v1/admin/certificates/" + serial));
        assertThat(shown.statusCode()).as(text(shown)).isEqualTo(200);
        assertThat(JSON.readTree(shown.body()).get("status").asString()).isEqualTo("pending");
        assertThat(JSON.readTree(shown.body()).has("certificatePem")).isFalse();
        assertThat(ocspStatus(new BigInteger(serial, 16)).getCertStatus()).isInstanceOf(UnknownStatus.class);

        HttpResponse<byte[]> revoked = postJson(administratorClient(), api("/api/v1/admin/certificates/" + serial + "/revocation"),
                "{\"reason\": \"cessationOfOperation\"}", newKey());
        assertThat(revoked.statusCode()).as(text(revoked)).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).get("status").asString()).isEqualTo("revoked");
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                new ByteArrayInputStream(get(HttpClient.newHttpClient(), pki("/pki/crl/act.crl")).body()));
        assertThat(crl.getRevokedCertificate(new BigInteger(serial, 16))).isNotNull();
        assertThat(actions(serial)).containsExactly("certificate.reserved", "certificate.revoked");
        assertThat(audit.firstBrokenLink().block()).isEmpty();

        // The same key again, token healed: nothing was stored for it, so the issuance runs (new serial).
        HttpResponse<byte[]> retried = issue("RES-FAIL", key);
        assertThat(retried.statusCode()).as(text(retried)).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(JSON.readTree(retried.body()).get("serial").asString()).isNotEqualTo(serial);
    }

    private HttpResponse<byte[]> issue(String holderId, String idempotencyKey) {
        String csr = CertificateRequests.csr(openssl, work, holderId, "ec");
        return postJson(administratorClient(), api("/api/v1/admin/certificates"),
                CertificateRequests.issueJson("authentication", csr, holderId), idempotencyKey);
    }

    private String row(String serial) {
        return database.sql("select status, der is not null as signed from certificate where serial = :serial")
                .bind("serial", serial)
                .map(row -> row.get("status", String.class) + (Boolean.TRUE.equals(row.get("signed", Boolean.class))
                        ? " with DER" : " without DER"))
                .one().block();
    }

    private java.util.List<String> actions(String serial) {
        return audit.events(Optional.of("certificate:" + serial)).map(e -> e.entry().action()).collectList().block();
    }

    private org.bouncycastle.cert.ocsp.SingleResp ocspStatus(BigInteger serial) throws Exception {
        X509CertificateHolder issuer = new X509CertificateHolder(get(HttpClient.newHttpClient(), pki("/pki/ca/act.crt")).body());
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                issuer, serial);
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        HttpResponse<byte[]> response = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(pki("/pki/ocsp"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        OCSPResp ocsp = new OCSPResp(response.body());
        assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0];
    }
}
