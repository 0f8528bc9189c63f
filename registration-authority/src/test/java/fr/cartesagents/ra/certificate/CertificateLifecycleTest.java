package fr.cartesagents.ra.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.testutil.RequiredTool;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.testsupport.CertificateRequests;
import fr.cartesagents.ra.testsupport.RunningServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first slice end to end, judged by independent tools: an administrator issues holder
 * certificates over the mTLS API from openssl-made requests; openssl and the JDK's PKIX validator
 * accept them with the published CRLs and OCSP; after a revocation through the API, OCSP says
 * revoked at once and the new CRL lists it.
 */
class CertificateLifecycleTest extends RunningServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static OpenSsl openssl;

    @TempDir
    Path work;

    @Autowired
    AuditTrail audit;

    @Autowired
    fr.cartesagents.ra.security.AdministratorRegistry administrators;

    @BeforeAll
    static void tools() {
        openssl = OpenSsl.require();
    }

    @Test
    void whenTheDemoStartsWithSoftHsm2Installed_thenTheIssuingCaKeyIsInAPkcs11Token() throws Exception {
        RequiredTool.softHsm2().require();
        Properties secrets = new Properties();
        try (var reader = Files.newBufferedReader(dataDirectory().resolve("pki/demo-secrets.properties"))) {
            secrets.load(reader);
        }
        assertThat(secrets.getProperty("act.token")).isEqualTo("pkcs11");
        assertThat(dataDirectory().resolve("pki/act.p12")).doesNotExist();
        assertThat(Files.getPosixFilePermissions(dataDirectory().resolve("pki/demo-secrets.properties")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dataDirectory().resolve("admin.p12.password"))).hasSize(2);
        // The key signs through the token: a certificate issued now verifies under the CA certificate.
        String serial = issue("authentication", "rsa:2048", "HSM-1").get("serial").asString();
        assertThat(serial).matches("[0-9a-f]+");
    }

    @Test
    void whenAnAdministratorIssuesAuthenticationAndSignatureCertificates_thenOpensslAndPkixAcceptThemAndOcspSaysGood()
            throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        Path chain = download(plain, "/pki/ca/act.crt", "act.der");
        Path rootDer = download(plain, "/pki/ca/root.crt", "root.der");
        Path caFile = work.resolve("chain.pem");
        Files.writeString(caFile, pemCertificate(chain) + pemCertificate(rootDer));
        Path issuerPem = work.resolve("act.pem");
        Files.writeString(issuerPem, pemCertificate(chain));

        for (String profile : List.of("authentication", "signature")) {
            JsonNode issued = issue(profile, "rsa:2048", "AGENT-" + profile);
            Path certificate = work.resolve(profile + ".pem");
            Files.writeString(certificate, issued.get("certificatePem").asString());

            Path crl = downloadCrlAsPem(plain, "/pki/crl/act.crl", profile + "-before.crl");
            ProcessResult verify = openssl.run("verify", "-x509_strict", "-crl_check", "-CAfile", caFile.toString(),
                    "-CRLfile", crl.toString(), certificate.toString());
            assertThat(verify.exitCode()).as(verify.output()).isZero();
            assertThat(verify.stdout()).contains("OK");

            ProcessResult ocsp = ocsp(issuerPem, certificate, caFile);
            assertThat(ocsp.exitCode()).as(ocsp.output()).isZero();
            assertThat(ocsp.output()).contains(certificate + ": good").contains("Response verify OK")
                    .doesNotContain("WARNING: no nonce in response");

            assertThat(pkixValidates(plain, certificate)).isEmpty();
        }
    }

    @Test
    void whenACertificateIsRevoked_thenOcspSaysRevokedAtOnceAndTheNewCrlListsIt() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        Path caFile = work.resolve("chain.pem");
        Files.writeString(caFile, pemCertificate(download(plain, "/pki/ca/act.crt", "act.der"))
                + pemCertificate(download(plain, "/pki/ca/root.crt", "root.der")));
        Path issuerPem = work.resolve("act.pem");
        Files.writeString(issuerPem, pemCertificate(work.resolve("act.der")));

        JsonNode issued = issue("authentication", "ec", "AGENT-REVOKED");
        String serial = issued.get("serial").asString();
        Path certificate = work.resolve("revoked.pem");
        Files.writeString(certificate, issued.get("certificatePem").asString());
        // A nonce-less request first, so that a pre-produced "good" response exists and must be dropped.
        ProcessResult preProducedGood = ocspWithoutNonce(issuerPem, certificate, caFile);
        assertThat(preProducedGood.output()).contains(certificate + ": good").contains("Response verify OK");
        assertThat(pkixValidates(plain, certificate)).isEmpty();

        HttpResponse<byte[]> revoked = postJson(administratorClient(), api("/api/v1/admin/certificates/" + serial + "/revocation"),
                "{\"reason\": \"keyCompromise\"}", newKey());
        assertThat(revoked.statusCode()).as(text(revoked)).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).get("status").asString()).isEqualTo("revoked");
        assertThat(JSON.readTree(revoked.body()).get("reason").asString()).isEqualTo("keyCompromise");

        ProcessResult preProducedRevoked = ocspWithoutNonce(issuerPem, certificate, caFile);
        assertThat(preProducedRevoked.output()).contains(certificate + ": revoked").contains("Reason: keyCompromise")
                .contains("Response verify OK");
        ProcessResult ocsp = ocsp(issuerPem, certificate, caFile);
        assertThat(ocsp.output()).contains(certificate + ": revoked").contains("Reason: keyCompromise")
                .contains("Response verify OK").doesNotContain("WARNING: no nonce in response");

        Path crl = downloadCrlAsPem(plain, "/pki/crl/act.crl", "after.crl");
        ProcessResult verify = openssl.run("verify", "-x509_strict", "-crl_check", "-CAfile", caFile.toString(),
                "-CRLfile", crl.toString(), certificate.toString());
        assertThat(verify.exitCode()).isNotZero();
        assertThat(verify.output()).contains("certificate revoked");
        ProcessResult crlCheck = openssl.run("crl", "-in", crl.toString(), "-CAfile", caFile.toString(), "-noout", "-text");
        assertThat(crlCheck.output()).contains("verify OK").containsIgnoringCase(serial).contains("Key Compromise");
        Path delta = downloadCrlAsPem(plain, "/pki/crl/act/delta.crl", "delta.crl");
        ProcessResult deltaCheck = openssl.run("crl", "-in", delta.toString(), "-CAfile", caFile.toString(), "-noout", "-text");
        assertThat(deltaCheck.output()).contains("verify OK").contains("Delta CRL Indicator").containsIgnoringCase(serial);

        assertThat(pkixValidates(plain, certificate)).hasValueSatisfying(reason ->
                assertThat(reason).containsIgnoringCase("revoked"));

        HttpResponse<byte[]> again = postJson(administratorClient(), api("/api/v1/admin/certificates/" + serial + "/revocation"),
                "{\"reason\": \"superseded\"}", newKey());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        assertThat(audit.events(Optional.of("certificate:" + serial)).map(e -> e.entry().action()).collectList().block())
                .containsExactly("certificate.reserved", "certificate.issued", "certificate.revoked");
        assertThat(audit.firstBrokenLink().block()).isEmpty();
    }

    @Test
    void whenTheSameIdempotencyKeyIsReplayed_thenTheFirstResponseComesBackAndNothingIsIssuedTwice() {
        String json = CertificateRequests.issueJson("signature", CertificateRequests.csr(openssl, work, "idem", "ec"), "IDEM-1");
        String key = newKey();
        long before = count("certificate");
        HttpResponse<byte[]> first = postJson(administratorClient(), api("/api/v1/admin/certificates"), json, key);
        HttpResponse<byte[]> second = postJson(administratorClient(), api("/api/v1/admin/certificates"), json, key);
        assertThat(first.statusCode()).as(text(first)).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(count("certificate")).isEqualTo(before + 1);

        String other = CertificateRequests.issueJson("authentication", CertificateRequests.csr(openssl, work, "idem2", "ec"), "IDEM-2");
        HttpResponse<byte[]> reused = postJson(administratorClient(), api("/api/v1/admin/certificates"), other, key);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(text(reused)).contains("idempotency-key-reused");
        assertThat(count("certificate")).isEqualTo(before + 1);
    }

    @Test
    void whenTheApiIsAskedOverPlainHttp_thenItDoesNotExistThere_andTheRepositoryIsNotServedOverHttps() {
        HttpResponse<byte[]> response = get(HttpClient.newHttpClient(), pki("/api/v1/admin/certificates/01"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(get(administratorClient(), api("/pki/ca")).statusCode()).isEqualTo(404);
        // Health and metrics are on the management listener (MonitoringTest), not on the public one.
        assertThat(get(HttpClient.newHttpClient(), pki("/actuator/health")).statusCode()).isEqualTo(404);
    }

    @Test
    void whenTheCasAreListed_thenRootIssuingAndOcspSignerAppearWithTheirIds() throws Exception {
        HttpResponse<byte[]> response = get(HttpClient.newHttpClient(), pki("/pki/ca"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode cas = JSON.readTree(response.body());
        assertThat(cas.findValuesAsString("id")).containsExactlyInAnyOrder("root", "act", "ocsp");
        assertThat(cas.findValuesAsString("role")).containsExactlyInAnyOrder("root", "issuing", "ocsp");
        assertThat(text(response)).contains("AC Acteurs des Collectivités Territoriales (démo)");
    }

    @Test
    void whenNoClientCertificateIsPresented_thenTheApiAnswers401() {
        HttpResponse<byte[]> response = postJson(anonymousClient(), api("/api/v1/admin/certificates"), "{}", newKey());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void whenAClientCertificateFromAnotherCaIsOffered_thenItNeverAuthenticates() throws Exception {
        Path key = work.resolve("foreign.key");
        Path cert = work.resolve("foreign.pem");
        openssl.runSuccessfully("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-subj", "/CN=Foreign", "-days", "1", "-out", cert.toString());
        Path p12 = work.resolve("foreign.p12");
        openssl.runSuccessfully("pkcs12", "-export", "-inkey", key.toString(), "-in", cert.toString(), "-out", p12.toString(),
                "-passout", "pass:foreign");
        HttpClient foreign = client(p12, "foreign");
        // The server names our issuing CA as the only acceptable issuer: a client either keeps its
        // foreign certificate to itself (401) or the handshake refuses it.
        try {
            HttpResponse<byte[]> response = postJson(foreign, api("/api/v1/admin/certificates"), "{}", newKey());
            assertThat(response.statusCode()).isEqualTo(401);
        } catch (java.io.UncheckedIOException refusedByHandshake) {
            assertThat(refusedByHandshake).hasRootCauseInstanceOf(javax.net.ssl.SSLException.class);
        }
    }

    @Test
    void whenAHolderCertificateOfOurCaIsPresented_thenTheAdminApiAnswers403() throws Exception {
        Path keyFile = work.resolve("holder.key");
        String csr = CertificateRequests.csr(openssl, work, "holder", "ec");
        JsonNode issued = issue("authentication", csr);
        Path certificate = work.resolve("holder.pem");
        Files.writeString(certificate, issued.get("certificatePem").asString());
        Path p12 = work.resolve("holder.p12");
        openssl.runSuccessfully("pkcs12", "-export", "-inkey", keyFile.toString(), "-in", certificate.toString(),
                "-out", p12.toString(), "-passout", "pass:holder");
        HttpResponse<byte[]> response = postJson(client(p12, "holder"), api("/api/v1/admin/certificates"),
                CertificateRequests.issueJson("authentication", csr, "X"), newKey());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(text(response)).contains("urn:cartes-agents:problem:forbidden");
    }

    @Test
    void whenAnAdministratorCertificateIsRevoked_thenItIsRefusedAtOnce() throws Exception {
        Path keyFile = work.resolve("second-admin.key");
        String csr = CertificateRequests.csr(openssl, work, "second-admin", "ec");
        JsonNode issued = issue("authentication", csr);
        String serial = issued.get("serial").asString();
        Path certificate = work.resolve("second-admin.pem");
        Files.writeString(certificate, issued.get("certificatePem").asString());
        Path p12 = work.resolve("second-admin.p12");
        openssl.runSuccessfully("pkcs12", "-export", "-inkey", keyFile.toString(), "-in", certificate.toString(),
                "-out", p12.toString(), "-passout", "pass:second");
        byte[] der = PemFiles.parseCertificates(issued.get("certificatePem").asString()).get(0).getEncoded();
        administrators.register(fr.cartesagents.ra.security.CertificateFingerprint.sha256(der), "second administrator").block();
        HttpClient secondAdministrator = client(p12, "second");
        assertThat(get(secondAdministrator, api("/api/v1/admin/certificates/" + serial)).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> revoked = postJson(administratorClient(), api("/api/v1/admin/certificates/" + serial + "/revocation"),
                "{\"reason\": \"privilegeWithdrawn\"}", newKey());
        assertThat(revoked.statusCode()).isEqualTo(200);

        HttpResponse<byte[]> refused = get(secondAdministrator, api("/api/v1/admin/certificates/" + serial));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(text(refused)).contains("revoked");
    }

    @Test
    void whenTwoRequestsWithTheSameKeyArriveTogether_thenOneCertificateIsIssuedAndBothGetItsResponse() throws Exception {
        String json = CertificateRequests.issueJson("authentication", CertificateRequests.csr(openssl, work, "race", "ec"), "RACE-1");
        String key = newKey();
        long before = count("certificate");
        HttpClient client = administratorClient();
        var requests = java.util.stream.IntStream.range(0, 4).mapToObj(i -> client.sendAsync(
                java.net.http.HttpRequest.newBuilder(api("/api/v1/admin/certificates")).timeout(java.time.Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofByteArray())).toList();
        List<HttpResponse<byte[]>> responses = new java.util.ArrayList<>();
        for (var request : requests) {
            responses.add(request.get());
        }
        for (HttpResponse<byte[]> response : responses) {
            assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
            assertThat(response.body()).isEqualTo(responses.get(0).body());
        }
        assertThat(count("certificate")).isEqualTo(before + 1);
    }

    private JsonNode issue(String profile, String keySpec, String holderId) {
        return issueCsr(profile, CertificateRequests.csr(openssl, work, holderId, keySpec), holderId);
    }

    private JsonNode issue(String profile, String csr) {
        return issueCsr(profile, csr, "HOLDER-" + newKey().substring(0, 8));
    }

    private JsonNode issueCsr(String profile, String csr, String holderId) {
        HttpResponse<byte[]> response = postJson(administratorClient(), api("/api/v1/admin/certificates"),
                CertificateRequests.issueJson(profile, csr, holderId), newKey());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private ProcessResult ocsp(Path issuer, Path certificate, Path caFile) {
        return openssl.run("ocsp", "-url", pki("/pki/ocsp").toString(), "-issuer", issuer.toString(),
                "-cert", certificate.toString(), "-CAfile", caFile.toString());
    }

    /** The RFC 5019 shape (no nonce): answered from the pre-produced responses. */
    private ProcessResult ocspWithoutNonce(Path issuer, Path certificate, Path caFile) {
        return openssl.run("ocsp", "-no_nonce", "-url", pki("/pki/ocsp").toString(), "-issuer", issuer.toString(),
                "-cert", certificate.toString(), "-CAfile", caFile.toString());
    }

    /** Empty when the JDK's PKIX validator accepts the chain with revocation checking on the downloaded CRLs. */
    private Optional<String> pkixValidates(HttpClient plain, Path certificatePem) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate leaf = (X509Certificate) factory.generateCertificate(Files.newInputStream(certificatePem));
        X509Certificate issuing = (X509Certificate) factory.generateCertificate(
                new ByteArrayInputStream(get(plain, pki("/pki/ca/act.crt")).body()));
        X509Certificate root = (X509Certificate) factory.generateCertificate(
                new ByteArrayInputStream(get(plain, pki("/pki/ca/root.crt")).body()));
        X509CRL issuingCrl = (X509CRL) factory.generateCRL(new ByteArrayInputStream(get(plain, pki("/pki/crl/act.crl")).body()));
        X509CRL rootCrl = (X509CRL) factory.generateCRL(new ByteArrayInputStream(get(plain, pki("/pki/crl/root.crl")).body()));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(true);
        parameters.addCertStore(CertStore.getInstance("Collection",
                new CollectionCertStoreParameters(List.of(issuing, issuingCrl, rootCrl))));
        try {
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(leaf, issuing)), parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of(String.valueOf(e.getMessage()) + " " + e.getReason());
        }
    }

    private Path download(HttpClient plain, String path, String name) throws Exception {
        HttpResponse<byte[]> response = get(plain, pki(path));
        assertThat(response.statusCode()).isEqualTo(200);
        Path file = work.resolve(name);
        Files.write(file, response.body());
        return file;
    }

    private Path downloadCrlAsPem(HttpClient plain, String path, String name) throws Exception {
        HttpResponse<byte[]> response = get(plain, pki(path));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
        Path file = work.resolve(name);
        Files.writeString(file, PemFiles.toPem(PemFiles.X509_CRL, response.body()));
        return file;
    }

    private static String pemCertificate(Path der) throws Exception {
        return PemFiles.toPem(PemFiles.CERTIFICATE, Files.readAllBytes(der));
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
