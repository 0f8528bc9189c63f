package fr.cartesagents.ra.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.testsupport.CertificateRequests;
import fr.cartesagents.ra.testsupport.RunningServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server with {@code cartes.pki.profiles.*} and {@code cartes.pki.demo.*} set: issued certificates
 * follow the configured lifetime, policy and key types, and the demo CAs carry the configured names.
 */
@TestPropertySource(properties = {
        "cartes.pki.profiles.holder-validity=P1Y",
        "cartes.pki.profiles.signature-policy-oid=" + ConfiguredProfilesTest.SIGNATURE_POLICY,
        "cartes.pki.profiles.holder-key-types=EC_P256",
        "cartes.pki.demo.issuing-name=" + ConfiguredProfilesTest.ISSUING_NAME,
        "cartes.pki.demo.issuing-key-type=EC_P384"})
class ConfiguredProfilesTest extends RunningServer {

    static final String SIGNATURE_POLICY = "1.2.250.1.999.42.2";
    static final String ISSUING_NAME = "CN=AC Agents de Moissac,O=Commune de Moissac,C=FR";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TABLES = List.of("certificate", "audit_event", "idempotency_key");
    private static OpenSsl openssl;

    @TempDir
    Path work;

    @BeforeAll
    static void tools() {
        openssl = OpenSsl.require();
    }

    @Test
    void whenASignatureCertificateIsIssued_thenItLivesTheConfiguredPeriodUnderTheConfiguredPolicyAndIssuer() throws Exception {
        String csr = CertificateRequests.csr(openssl, work, "signature", "ec");
        HttpResponse<byte[]> response = postJson(administratorClient(), api("/api/v1/admin/certificates"),
                CertificateRequests.issueJson("signature", csr, "CONF-1"), newKey());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
        X509CertificateHolder certificate = PemFiles.parseCertificates(
                JSON.readTree(response.body()).get("certificatePem").asString()).get(0);

        Instant notBefore = certificate.getNotBefore().toInstant();
        assertThat(certificate.getNotAfter().toInstant())
                .isEqualTo(notBefore.atOffset(ZoneOffset.UTC).plus(Period.ofYears(1)).toInstant());
        assertThat(policies(certificate)).containsExactly(SIGNATURE_POLICY);
        assertThat(certificate.getIssuer()).isEqualTo(new X500Name(ISSUING_NAME));

        HttpResponse<byte[]> issuingCa = get(HttpClient.newHttpClient(), pki("/pki/ca/act.crt"));
        X509CertificateHolder issuing = new X509CertificateHolder(issuingCa.body());
        assertThat(issuing.getSubject()).isEqualTo(new X500Name(ISSUING_NAME));
        assertThat(issuing.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId())
                .as("id-ecPublicKey").isEqualTo("1.2.840.10045.2.1");
        assertThat(policies(issuing)).contains(SIGNATURE_POLICY);
    }

    @Test
    void whenTheKeyTypeIsNotConfigured_thenKeyTypeNotAllowed422AndNothingIsStored() {
        List<Long> before = TABLES.stream().map(this::count).toList();
        String csr = CertificateRequests.csr(openssl, work, "rsa", "rsa:2048");
        HttpResponse<byte[]> response = postJson(administratorClient(), api("/api/v1/admin/certificates"),
                CertificateRequests.issueJson("authentication", csr, "CONF-2"), newKey());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(422);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("reason").asString()).isEqualTo("KEY_TYPE_NOT_ALLOWED");
        assertThat(TABLES.stream().map(this::count).toList()).as("rows in " + TABLES).isEqualTo(before);
    }

    private static List<String> policies(X509CertificateHolder certificate) {
        List<String> oids = new ArrayList<>();
        Extension extension = certificate.getExtension(Extension.certificatePolicies);
        for (PolicyInformation policy : CertificatePolicies.getInstance(extension.getParsedValue()).getPolicyInformation()) {
            oids.add(policy.getPolicyIdentifier().getId());
        }
        return oids;
    }
}
