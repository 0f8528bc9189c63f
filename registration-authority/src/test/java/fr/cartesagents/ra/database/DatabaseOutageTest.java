package fr.cartesagents.ra.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.testsupport.CertificateRequests;
import fr.cartesagents.ra.testsupport.PostmasterSignals;
import fr.cartesagents.ra.testsupport.RunningServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded PostgreSQL frozen (SIGSTOP on the postmaster and its backends) as a hung database
 * server looks: the API answers 503 with Retry-After and a problem document, fast once the probe has
 * noticed; OCSP serves its pre-produced answers and CRLs from memory, and answers a nonce request
 * with an ASN.1 tryLater; the log says it once; everything works again when the database resumes.
 */
@TestPropertySource(properties = {"cartes.database.probe-interval=PT0.5S", "cartes.database.probe-timeout=PT1S",
        "cartes.http.api-call-timeout=PT6S"})
class DatabaseOutageTest extends RunningServer {

    private static OpenSsl openssl;

    @TempDir
    Path work;

    @Autowired
    DatabaseAvailability availability;

    @BeforeAll
    static void tools() {
        openssl = OpenSsl.require();
    }

    @Test
    void whenTheDatabaseFreezes_thenTheApiFailsFastWith503AndThePkiRepositoryKeepsAnsweringFromMemory() throws Exception {
        HttpClient admin = administratorClient();
        BigInteger serial = issue(admin, "OUTAGE-1");
        X509CertificateHolder issuer = new X509CertificateHolder(get(HttpClient.newHttpClient(), pki("/pki/ca/act.crt")).body());
        String ocspPath = "/pki/ocsp/" + Base64.getUrlEncoder().encodeToString(ocspRequest(issuer, serial, false));
        assertThat(ocspStatus(get(HttpClient.newHttpClient(), pki(ocspPath)))).isEqualTo(OCSPResp.SUCCESSFUL); // now kept

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        long postmaster = PostmasterSignals.postmasterPid(dataDirectory().resolve("postgres"));
        PostmasterSignals.freeze(postmaster);
        try {
            // A call that meets the freeze before the probe has noticed it ends within the request timeout.
            long started = System.nanoTime();
            HttpResponse<byte[]> first = get(admin, api("/api/v1/admin/certificates/" + serial.toString(16)));
            Duration firstTook = Duration.ofNanos(System.nanoTime() - started);
            assertThat(first.statusCode()).as(text(first)).isEqualTo(503);
            assertThat(firstTook).isLessThan(Duration.ofSeconds(8));
            awaitDown();

            for (int i = 0; i < 20; i++) {
                started = System.nanoTime();
                HttpResponse<byte[]> refused = get(admin, api("/api/v1/admin/certificates/" + serial.toString(16)));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(text(refused)).contains("urn:cartes-agents:problem:service-unavailable");
            }
            HttpResponse<byte[]> french = send(admin, HttpRequest.newBuilder(api("/api/v1/admin/certificates/" + serial.toString(16)))
                    .header("Accept-Language", "fr").timeout(Duration.ofSeconds(10)).GET().build());
            assertThat(text(french)).contains("La base de données ne répond pas");

            // PKI repository: the pre-produced answer, the CRL and the CA certificate, from memory.
            HttpResponse<byte[]> kept = get(HttpClient.newHttpClient(), pki(ocspPath));
            assertThat(ocspStatus(kept)).isEqualTo(OCSPResp.SUCCESSFUL);
            assertThat(get(HttpClient.newHttpClient(), pki("/pki/crl/act.crl")).statusCode()).isEqualTo(200);
            assertThat(get(HttpClient.newHttpClient(), pki("/pki/ca/act.crt")).statusCode()).isEqualTo(200);

            // A nonce needs a fresh answer: tryLater, in DER, fast.
            started = System.nanoTime();
            HttpResponse<byte[]> withNonce = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(pki("/pki/ocsp"))
                    .header("Content-Type", "application/ocsp-request").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(ocspRequest(issuer, serial, true))).build());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(withNonce.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
            assertThat(ocspStatus(withNonce)).isEqualTo(OCSPResp.TRY_LATER);
        } finally {
            PostmasterSignals.thaw(postmaster);
        }
        awaitUp();
        root.detachAppender(log);
        List<String> warnings = log.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList();
        System.out.println("Log lines at WARN or above during the outage: " + warnings.size() + " " + warnings);
        assertThat(warnings).anyMatch(line -> line.startsWith("Database unreachable"))
                .anyMatch(line -> line.startsWith("Database reachable again"))
                .hasSizeLessThan(10);

        HttpResponse<byte[]> after = get(admin, api("/api/v1/admin/certificates/" + serial.toString(16)));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(issue(admin, "OUTAGE-2")).isNotNull();
    }

    private void awaitDown() throws InterruptedException {
        for (int i = 0; i < 100 && availability.isUp(); i++) {
            Thread.sleep(100);
        }
        assertThat(availability.isUp()).as("the probe noticed the outage").isFalse();
    }

    private void awaitUp() throws InterruptedException {
        for (int i = 0; i < 300 && !availability.isUp(); i++) {
            Thread.sleep(100);
        }
        assertThat(availability.isUp()).as("the probe noticed the recovery").isTrue();
    }

    private BigInteger issue(HttpClient admin, String holderId) {
        String csr = CertificateRequests.csr(openssl, work, holderId, "ec");
        HttpResponse<byte[]> response = postJson(admin, api("/api/v1/admin/certificates"),
                CertificateRequests.issueJson("authentication", csr, holderId), newKey());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
        return new BigInteger(JsonMapper.builder().build().readTree(response.body()).get("serial").asString(), 16);
    }

    private static byte[] ocspRequest(X509CertificateHolder issuer, BigInteger serial, boolean nonce) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1), issuer, serial);
        OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
        if (nonce) {
            builder.setRequestExtensions(new Extensions(new Extension(
                    org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}).getEncoded())));
        }
        return builder.build().getEncoded();
    }

    private static int ocspStatus(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        return new OCSPResp(response.body()).getStatus();
    }

}
