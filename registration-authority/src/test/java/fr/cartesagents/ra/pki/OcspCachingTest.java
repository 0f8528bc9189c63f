package fr.cartesagents.ra.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.testsupport.CertificateRequests;
import fr.cartesagents.ra.testsupport.RunningServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 5019 behaviour of the OCSP endpoint: nonce-less GETs are answered from a pre-produced
 * response with HTTP caching headers, and a revocation, by this instance or another one sharing
 * the database, replaces that response at once.
 */
class OcspCachingTest extends RunningServer {

    private static OpenSsl openssl;

    @TempDir
    Path work;

    @Autowired
    RevocationWatcher revocationWatcher;

    @Autowired
    OcspService ocspService;

    @Autowired
    java.util.List<org.springframework.scheduling.config.ScheduledTaskHolder> scheduledTaskHolders;

    @Test
    void whenTheServerRuns_thenEachInstanceRefreshesItsPreProducedResponsesEveryHalfRefreshMargin() {
        // PT15M refresh margin by default: every 7.5 minutes, so that a served response keeps >= 15 min of validity.
        assertThat(scheduledTaskHolders.stream().flatMap(holder -> holder.getScheduledTasks().stream())
                .map(org.springframework.scheduling.config.ScheduledTask::getTask)
                .filter(org.springframework.scheduling.config.FixedDelayTask.class::isInstance)
                .map(org.springframework.scheduling.config.FixedDelayTask.class::cast)
                .filter(task -> task.toString().contains("OcspRefreshSchedule"))
                .map(org.springframework.scheduling.config.FixedDelayTask::getIntervalDuration))
                .containsExactly(java.time.Duration.ofSeconds(450));
    }

    @BeforeAll
    static void tools() {
        openssl = OpenSsl.require();
    }

    @Test
    void whenTheSameNonceLessRequestIsRepeated_thenThePreProducedResponseIsServedWithRfc5019CachingHeaders() throws Exception {
        BigInteger serial = issue("CACHE-1");
        String encoded = Base64.getEncoder().encodeToString(request(serial));

        int keptBefore = ocspService.preProducedCount();
        HttpResponse<byte[]> first = get(HttpClient.newHttpClient(), pki("/pki/ocsp/" + encoded.replace("/", "%2F")));
        int keptAfterFirst = ocspService.preProducedCount();
        HttpResponse<byte[]> second = get(HttpClient.newHttpClient(), pki("/pki/ocsp/" + encoded.replace("/", "%2F")));

        // The first answer is kept, the second is that kept answer (identical bytes would also come from a
        // deterministic signature within the same second, so the count is what proves the reuse).
        assertThat(keptAfterFirst).isEqualTo(keptBefore + 1);
        assertThat(ocspService.preProducedCount()).isEqualTo(keptAfterFirst);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag")).isPresent();
        String cacheControl = first.headers().firstValue("Cache-Control").orElseThrow();
        assertThat(cacheControl).contains("public", "no-transform", "must-revalidate").containsPattern("max-age=\\d+");

        BasicOCSPResp response = basic(first.body());
        Instant nextUpdate = response.getResponses()[0].getNextUpdate().toInstant();
        Instant expires = ZonedDateTime.parse(first.headers().firstValue("Expires").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Instant lastModified = ZonedDateTime.parse(first.headers().firstValue("Last-Modified").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(expires).isEqualTo(nextUpdate);
        assertThat(lastModified).isEqualTo(response.getProducedAt().toInstant());
        assertThat(response.getResponses()[0].getCertStatus()).isNull(); // good
    }

    @Test
    void whenTheSerialIsUnknown_thenTheAnswerIsNotKept() throws Exception {
        BigInteger unknown = new BigInteger("7f00112233445566778899aabbccddee", 16);
        int keptBefore = ocspService.preProducedCount();

        HttpResponse<byte[]> response = get(HttpClient.newHttpClient(), pki("/pki/ocsp/"
                + Base64.getUrlEncoder().encodeToString(request(unknown))));

        assertThat(basic(response.body()).getResponses()[0].getCertStatus())
                .isInstanceOf(org.bouncycastle.cert.ocsp.UnknownStatus.class);
        assertThat(ocspService.preProducedCount()).isEqualTo(keptBefore);
    }

    @Test
    void whenTheSameSerialIsAskedWithAnotherIssuerOrHashAlgorithm_thenTheKeptResponseIsNotServedForIt() throws Exception {
        BigInteger serial = issue("CACHE-4");
        X509CertificateHolder issuing = certificate("/pki/ca/act.crt");
        String sha1Path = "/pki/ocsp/" + Base64.getUrlEncoder().encodeToString(request(serial, issuing, CertificateID.HASH_SHA1));
        assertThat(basic(get(HttpClient.newHttpClient(), pki(sha1Path)).body()).getResponses()[0].getCertStatus()).isNull();

        // Same serial, root CA as issuer: not this responder's issuer, whatever is kept for the serial.
        X509CertificateHolder root = certificate("/pki/ca/root.crt");
        OCSPResp otherIssuer = new OCSPResp(get(HttpClient.newHttpClient(), pki("/pki/ocsp/"
                + Base64.getUrlEncoder().encodeToString(request(serial, root, CertificateID.HASH_SHA1)))).body());
        assertThat(otherIssuer.getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);

        // Same serial, SHA-256 CertID: its own response, echoing the SHA-256 CertID.
        org.bouncycastle.asn1.x509.AlgorithmIdentifier sha256 = new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256);
        int keptBefore = ocspService.preProducedCount();
        BasicOCSPResp sha256Answer = basic(get(HttpClient.newHttpClient(), pki("/pki/ocsp/"
                + Base64.getUrlEncoder().encodeToString(request(serial, issuing, sha256)))).body());
        assertThat(sha256Answer.getResponses()[0].getCertID().getHashAlgOID())
                .isEqualTo(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256);
        assertThat(ocspService.preProducedCount()).isEqualTo(keptBefore + 1);
    }

    @Test
    void whenTheCertificateIsRevokedThroughTheApi_thenThePreProducedGoodResponseIsNoLongerServed() throws Exception {
        BigInteger serial = issue("CACHE-2");
        String path = "/pki/ocsp/" + Base64.getUrlEncoder().encodeToString(request(serial));
        assertThat(basic(get(HttpClient.newHttpClient(), pki(path)).body()).getResponses()[0].getCertStatus()).isNull();

        HttpResponse<byte[]> revoked = postJson(administratorClient(),
                api("/api/v1/admin/certificates/" + serial.toString(16) + "/revocation"), "{\"reason\": \"affiliationChanged\"}", newKey());
        assertThat(revoked.statusCode()).isEqualTo(200);

        assertThat(basic(get(HttpClient.newHttpClient(), pki(path)).body()).getResponses()[0].getCertStatus())
                .isInstanceOf(RevokedStatus.class);
    }

    @Test
    void whenAnotherInstanceRevokes_thenThisOneDropsItsPreProducedResponseOnItsNextLook() throws Exception {
        BigInteger serial = issue("CACHE-3");
        String path = "/pki/ocsp/" + Base64.getUrlEncoder().encodeToString(request(serial));
        assertThat(basic(get(HttpClient.newHttpClient(), pki(path)).body()).getResponses()[0].getCertStatus()).isNull();

        // What another instance's revocation leaves in the shared database.
        database.sql("update certificate set status = 'revoked', revoked_at = now(), revocation_reason = 'keyCompromise'"
                + " where serial = :serial").bind("serial", serial.toString(16)).fetch().rowsUpdated().block();
        revocationWatcher.dropResponsesOfRecentRevocations();

        assertThat(basic(get(HttpClient.newHttpClient(), pki(path)).body()).getResponses()[0].getCertStatus())
                .isInstanceOf(RevokedStatus.class);
    }

    @Test
    void whenTheGetFormCarriesPercentEncodedSlashesAndPluses_thenTheRequestIsDecodedAndAnswered() throws Exception {
        BigInteger serial = BigInteger.ONE;
        String encoded = Base64.getEncoder().encodeToString(request(serial));
        while (!(encoded.contains("/") && encoded.contains("+"))) {
            serial = serial.add(BigInteger.ONE);
            encoded = Base64.getEncoder().encodeToString(request(serial));
        }
        HttpResponse<byte[]> response = get(HttpClient.newHttpClient(),
                pki("/pki/ocsp/" + encoded.replace("/", "%2F").replace("+", "%2B")));
        assertThat(response.statusCode()).isEqualTo(200);
        BasicOCSPResp answer = basic(response.body());
        assertThat(answer.getResponses()[0].getCertID().getSerialNumber()).isEqualTo(serial);
        assertThat(answer.getResponses()[0].getCertStatus()).isInstanceOf(org.bouncycastle.cert.ocsp.UnknownStatus.class);
    }

    private BigInteger issue(String holderId) {
        String csr = CertificateRequests.csr(openssl, work, holderId, "ec");
        HttpResponse<byte[]> response = postJson(administratorClient(), api("/api/v1/admin/certificates"),
                CertificateRequests.issueJson("authentication", csr, holderId), newKey());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
        return new BigInteger(JsonMapper.builder().build().readTree(response.body()).get("serial").asString(), 16);
    }

    private byte[] request(BigInteger serial) throws Exception {
        return request(serial, certificate("/pki/ca/act.crt"), CertificateID.HASH_SHA1);
    }

    private byte[] request(BigInteger serial, X509CertificateHolder issuer,
                           org.bouncycastle.asn1.x509.AlgorithmIdentifier hash) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(hash), issuer, serial);
        return new OCSPReqBuilder().addRequest(id).build().getEncoded();
    }

    private X509CertificateHolder certificate(String path) throws Exception {
        return new X509CertificateHolder(get(HttpClient.newHttpClient(), pki(path)).body());
    }

    private static BasicOCSPResp basic(byte[] der) throws Exception {
        OCSPResp response = new OCSPResp(der);
        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return (BasicOCSPResp) response.getResponseObject();
    }
}
