package fr.cartesagents.ca.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.revocation.fixture.InMemoryStatusSource;
import fr.cartesagents.ca.revocation.fixture.TestPki;
import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.Pkcs12CryptoToken;

/**
 * {@code openssl ocsp} builds the requests, our responder answers, and {@code openssl ocsp} checks
 * the answers (signature, delegated responder, nonce, status). The CA and responder keys live in
 * a PKCS#12 token.
 */
class OcspOpenSslInteropTest {

    @TempDir
    static Path dir;

    private static OpenSsl openssl;
    private static Pkcs12CryptoToken token;
    private static TestPki pki;
    private static X509CertificateHolder leaf;

    private InMemoryStatusSource statuses;
    private OcspResponder responder;

    @BeforeAll
    static void createPki() {
        openssl = OpenSsl.require();
        token = Pkcs12CryptoToken.create(dir.resolve("ca.p12"), "interop-test".toCharArray());
        pki = TestPki.create(token, KeySpec.RSA_2048);
        leaf = pki.issueLeaf("Alice MARTIN");
        TestPki.writePem(dir.resolve("root.pem"), pki.root().certificate());
        TestPki.writePem(dir.resolve("issuing.pem"), pki.issuing().certificate());
        TestPki.writePem(dir.resolve("chain.pem"), pki.root().certificate(), pki.issuing().certificate());
        TestPki.writePem(dir.resolve("ocsp.pem"), pki.ocspSigner().certificate());
        TestPki.writePem(dir.resolve("leaf.pem"), leaf);
    }

    @AfterAll
    static void closeToken() {
        if (token != null) {
            token.close();
        }
    }

    @BeforeEach
    void createResponder() {
        statuses = new InMemoryStatusSource().set(leaf.getSerialNumber(), CertificateStatus.good());
        responder = new OcspResponder(pki.ocspSigner(), pki.issuing().certificate(), statuses, Clock.systemUTC(),
                OcspResponder.DEFAULT_VALIDITY);
    }

    @Test
    void goodThenRevokedWithNonce() throws Exception {
        openssl.runSuccessfully("ocsp", "-issuer", file("issuing.pem"), "-cert", file("leaf.pem"), "-reqout", file("req.der"));
        answer("req.der", "resp.der");

        ProcessResult good = openssl.run("ocsp", "-reqin", file("req.der"), "-respin", file("resp.der"),
                "-CAfile", file("chain.pem"), "-resp_text");

        assertThat(good.exitCode()).as(good.describe()).isZero();
        assertThat(good.output()).contains("Response verify OK", "Cert Status: good", "OCSP Nonce")
                .doesNotContain("Nonce Verify error", "WARNING: no nonce in response");
        assertThat(echoedNonce("resp.der")).isEqualTo(requestNonce("req.der"));

        Instant revokedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        statuses.set(leaf.getSerialNumber(), new CertificateStatus.Revoked(revokedAt, RevocationReason.KEY_COMPROMISE,
                Optional.empty()));
        openssl.runSuccessfully("ocsp", "-issuer", file("issuing.pem"), "-cert", file("leaf.pem"), "-reqout", file("req2.der"));
        answer("req2.der", "resp2.der");

        ProcessResult revoked = openssl.run("ocsp", "-reqin", file("req2.der"), "-respin", file("resp2.der"),
                "-CAfile", file("chain.pem"), "-resp_text");

        assertThat(revoked.exitCode()).as(revoked.describe()).isZero();
        assertThat(revoked.output()).contains("Response verify OK", "Cert Status: revoked", "Revocation Reason: keyCompromise")
                .doesNotContain("Nonce Verify error");
    }

    @Test
    void revokedWithoutNonceReportsTimeAndReason() throws Exception {
        statuses.set(leaf.getSerialNumber(), new CertificateStatus.Revoked(Instant.parse("2026-01-10T08:30:00Z"),
                RevocationReason.AFFILIATION_CHANGED, Optional.of(Instant.parse("2026-01-09T00:00:00Z"))));
        openssl.runSuccessfully("ocsp", "-no_nonce", "-issuer", file("issuing.pem"), "-cert", file("leaf.pem"),
                "-reqout", file("req-nononce.der"));
        answer("req-nononce.der", "resp-nononce.der");

        ProcessResult result = openssl.run("ocsp", "-no_nonce", "-respin", file("resp-nononce.der"), "-issuer", file("issuing.pem"),
                "-cert", file("leaf.pem"), "-CAfile", file("chain.pem"), "-resp_text");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).contains("Response verify OK", file("leaf.pem") + ": revoked",
                "Reason: affiliationChanged", "Revocation Time: Jan 10 08:30:00 2026 GMT", "Invalidity Date",
                "Responder Id: ", "This Update:", "Next Update:").doesNotContain("OCSP Nonce");
    }

    @Test
    void goodWithSha256CertIdTrustingTheResponderDirectly() throws Exception {
        openssl.runSuccessfully("ocsp", "-sha256", "-no_nonce", "-issuer", file("issuing.pem"), "-cert", file("leaf.pem"),
                "-reqout", file("req-sha256.der"));
        answer("req-sha256.der", "resp-sha256.der");

        ProcessResult result = openssl.run("ocsp", "-sha256", "-no_nonce", "-respin", file("resp-sha256.der"),
                "-issuer", file("issuing.pem"), "-cert", file("leaf.pem"), "-VAfile", file("ocsp.pem"), "-resp_text");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).contains("Response verify OK", file("leaf.pem") + ": good", "Hash Algorithm: sha256");
    }

    @Test
    void opensslSeesUnauthorizedForAnotherIssuer() throws Exception {
        // asks about the issuing CA certificate, whose issuer (the root) this responder does not serve
        openssl.runSuccessfully("ocsp", "-issuer", file("root.pem"), "-cert", file("issuing.pem"), "-reqout", file("req-root.der"));
        answer("req-root.der", "resp-root.der");

        ProcessResult result = openssl.run("ocsp", "-reqin", file("req-root.der"), "-respin", file("resp-root.der"),
                "-CAfile", file("chain.pem"), "-resp_text");

        assertThat(result.output()).contains("Responder Error: unauthorized (6)");
    }

    @Test
    void opensslSeesMalformedRequestForGarbage() throws Exception {
        Files.write(dir.resolve("resp-garbage.der"), responder.respond("not an OCSP request".getBytes()));

        ProcessResult result = openssl.run("ocsp", "-respin", file("resp-garbage.der"), "-resp_text");

        assertThat(result.output()).contains("Responder Error: malformedrequest (1)");
    }

    @Test
    void responseValidityIsWhatTheServerAdvertises() throws Exception {
        openssl.runSuccessfully("ocsp", "-no_nonce", "-issuer", file("issuing.pem"), "-cert", file("leaf.pem"),
                "-reqout", file("req-validity.der"));
        OcspResult result = responder.answer(Files.readAllBytes(dir.resolve("req-validity.der")));
        Files.write(dir.resolve("resp-validity.der"), result.der());

        ProcessResult text = openssl.run("ocsp", "-no_nonce", "-respin", file("resp-validity.der"), "-issuer", file("issuing.pem"),
                "-cert", file("leaf.pem"), "-CAfile", file("chain.pem"), "-validity_period", "0", "-status_age", "3600");

        assertThat(text.exitCode()).as(text.describe()).isZero();
        assertThat(text.output()).contains("Response verify OK", ": good");
        assertThat(Duration.between(result.thisUpdate().orElseThrow(), result.nextUpdate().orElseThrow()))
                .isEqualTo(OcspResponder.DEFAULT_VALIDITY);
        assertThat(result.cacheable()).isTrue();
    }

    private void answer(String request, String response) throws Exception {
        Files.write(dir.resolve(response), responder.respond(Files.readAllBytes(dir.resolve(request))));
    }

    private static byte[] requestNonce(String request) throws Exception {
        OCSPReq req = new OCSPReq(Files.readAllBytes(dir.resolve(request)));
        return ASN1OctetString.getInstance(req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getParsedValue()).getOctets();
    }

    private static byte[] echoedNonce(String response) throws Exception {
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(Files.readAllBytes(dir.resolve(response))).getResponseObject();
        return ASN1OctetString.getInstance(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getParsedValue()).getOctets();
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }
}
