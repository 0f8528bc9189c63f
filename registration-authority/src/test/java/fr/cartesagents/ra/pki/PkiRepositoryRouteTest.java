package fr.cartesagents.ra.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.testsupport.CertificateRequests;
import fr.cartesagents.ra.testsupport.RunningServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PKI repository's Reactor Netty route ({@link PkiRepositoryRoute}) on the plain listener: it
 * answers what the WebFlux controllers answer, with the same headers, over HTTP/1.1 and h2c;
 * conditional GETs get a 304; and it stays off the HTTPS listener.
 */
class PkiRepositoryRouteTest extends RunningServer {

    /** Headers that belong to the answer, not to the path that served it (WebFlux adds request ids and the like). */
    private static final List<String> ANSWER_HEADERS = List.of("content-type", "content-length", "etag", "last-modified",
            "expires", "cache-control", "x-content-type-options");

    private static OpenSsl openssl;

    @TempDir
    Path work;

    @BeforeAll
    static void tools() {
        openssl = OpenSsl.require();
    }

    @Test
    void whenARepositoryFileIsAskedByItsPlainPathOrAnotherSpelling_thenBothPathsGiveTheSameBytesAndHeaders() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String[] spellings : new String[][] {{"/pki/ca/act.crt", "/pki/%63a/act.crt"},
                {"/pki/crl/act.crl", "/pki/crl/act.crl?fallback"}, {"/pki/crl/act/delta.crl", "/pki/crl/act/%64elta.crl"}}) {
            HttpResponse<byte[]> route = get(client, pki(spellings[0]));
            HttpResponse<byte[]> webFlux = get(client, pki(spellings[1]));

            assertThat(route.statusCode()).as(spellings[0]).isEqualTo(200);
            assertThat(webFlux.statusCode()).as(spellings[1]).isEqualTo(200);
            assertThat(route.body()).isEqualTo(webFlux.body());
            // The WebFlux path runs the filter chain (request id), the route does not: that is how they are told apart.
            assertThat(route.headers().firstValue("X-Request-Id")).as(spellings[0]).isEmpty();
            assertThat(webFlux.headers().firstValue("X-Request-Id")).as(spellings[1]).isPresent();
            assertThat(answerHeaders(route)).as(spellings[0]).isEqualTo(answerHeaders(webFlux));
        }
    }

    @Test
    void whenAnOcspAnswerIsAskedAgainWithItsValidators_thenTheAnswerIs304WithoutBody() throws Exception {
        String path = "/pki/ocsp/" + Base64.getUrlEncoder().encodeToString(ocspRequest(issue("ROUTE-1")));
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> first = get(client, pki(path));
        assertThat(first.statusCode()).isEqualTo(200);
        String entityTag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> byTag = send(client, HttpRequest.newBuilder(pki(path)).header("If-None-Match", entityTag).build());
        HttpResponse<byte[]> byDate = send(client, HttpRequest.newBuilder(pki(path)).header("If-Modified-Since", lastModified).build());
        HttpResponse<byte[]> otherTag = send(client, HttpRequest.newBuilder(pki(path)).header("If-None-Match", "\"other\"").build());

        assertThat(byTag.statusCode()).isEqualTo(304);
        assertThat(byTag.body()).isEmpty();
        assertThat(byTag.headers().firstValue("ETag")).hasValue(entityTag);
        assertThat(byDate.statusCode()).isEqualTo(304);
        assertThat(otherTag.statusCode()).isEqualTo(200);
        assertThat(otherTag.body()).isEqualTo(first.body());
    }

    @Test
    void whenACrlIsAskedWithItsEntityTag_thenTheAnswerIs304() {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> first = get(client, pki("/pki/crl/act.crl"));
        HttpResponse<byte[]> again = send(client, HttpRequest.newBuilder(pki("/pki/crl/act.crl"))
                .header("If-None-Match", first.headers().firstValue("ETag").orElseThrow()).build());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void whenAClientSpeaksHttp2InClear_thenThePlainListenerAnswersInHttp2() {
        // The JDK client upgrades from HTTP/1.1 (h2c upgrade) on a plain URI; the first answer may still be
        // HTTP/1.1, the following ones on the upgraded connection are HTTP/2.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        get(client, pki("/pki/ca/act.crt"));
        HttpResponse<byte[]> second = get(client, pki("/pki/ca/act.crt"));
        assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("content-type")).hasValue("application/pkix-cert");
    }

    @Test
    void whenAnOcspPostComesAsAnH2cUpgradeRequest_thenItIsAnswered() throws Exception {
        // The JDK client offers the h2c upgrade on the first request of a plain connection, body included:
        // the upgrade must accept a body of the size an OCSP request may have.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<byte[]> answer = send(client, HttpRequest.newBuilder(pki("/pki/ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ocspRequest(issue("ROUTE-2")))).build());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        assertThat(new org.bouncycastle.cert.ocsp.OCSPResp(answer.body()).getStatus())
                .isEqualTo(org.bouncycastle.cert.ocsp.OCSPResp.SUCCESSFUL);
    }

    @Test
    void whenTheRepositoryIsAskedOnTheApiListener_thenItIsNotServedThere() {
        HttpResponse<byte[]> overTls = get(administratorClient(), api("/pki/ca/act.crt"));
        assertThat(overTls.statusCode()).isEqualTo(404);
    }

    private static Map<String, List<String>> answerHeaders(HttpResponse<byte[]> response) {
        return response.headers().map().entrySet().stream()
                .filter(header -> ANSWER_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT)))
                .collect(java.util.stream.Collectors.toMap(header -> header.getKey().toLowerCase(java.util.Locale.ROOT),
                        Map.Entry::getValue));
    }

    private BigInteger issue(String holderId) {
        String csr = CertificateRequests.csr(openssl, work, holderId, "ec");
        HttpResponse<byte[]> response = postJson(administratorClient(), api("/api/v1/admin/certificates"),
                CertificateRequests.issueJson("authentication", csr, holderId), newKey());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
        return new BigInteger(JsonMapper.builder().build().readTree(response.body()).get("serial").asString(), 16);
    }

    private byte[] ocspRequest(BigInteger serial) throws Exception {
        X509CertificateHolder issuer = new X509CertificateHolder(get(HttpClient.newHttpClient(), pki("/pki/ca/act.crt")).body());
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1), issuer, serial);
        return new OCSPReqBuilder().addRequest(id).build().getEncoded();
    }
}
