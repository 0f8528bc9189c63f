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

    @BeforeAll
    static void tools() {
        openssl = OpenSsl.require();
    }

    @Test
    void whenTheSameNonceLessRequestIsRepeated_thenThePreProducedResponseIsServedWithRfc5019CachingHeaders() throws Exception {
        BigInteger serial = issue("CACHE-1");
        String encoded = Base64.getEncoder().encodeToString(request(serial));

        HttpResponse<byte[]> first = get(HttpClient.newHttpClient(), pki("/pki/ocsp/" + encoded.replace("/", "%2F")));
        HttpResponse<byte[]> second = get(HttpClient.newHttpClient(), pki("/pki/ocsp/" + encoded.replace("/", "%2F")));

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

    private BigInteger issue(String holderId) {
        String csr = CertificateRequests.csr(openssl, work, holderId, "ec");
        HttpResponse<byte[]> response = postJson(administratorClient(), api("/api/v1/admin/certificates"),
                CertificateRequests.issueJson("authentication", csr, holderId), newKey());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
        return new BigInteger(JsonMapper.builder().build().readTree(response.body()).get("serial").asString(), 16);
    }

    private byte[] request(BigInteger serial) throws Exception {
        X509CertificateHolder issuer = new X509CertificateHolder(get(HttpClient.newHttpClient(), pki("/pki/ca/act.crt")).body());
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                issuer, serial);
        return new OCSPReqBuilder().addRequest(id).build().getEncoded();
    }

    private static BasicOCSPResp basic(byte[] der) throws Exception {
        OCSPResp response = new OCSPResp(der);
        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return (BasicOCSPResp) response.getResponseObject();
    }
}
