package fr.cartesagents.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.token.KeySpec;

/** Independent verifiers accept what the CA issues: openssl in strict mode, and the JDK's PKIX validator. */
class IssuanceInteropTest {

    @TempDir
    static Path directory;
    static TestHierarchy rsaPki;
    static TestHierarchy ecPki;

    @BeforeAll
    static void createHierarchies() throws Exception {
        rsaPki = TestHierarchy.create(Files.createDirectories(directory.resolve("rsa")), KeySpec.RSA_2048);
        ecPki = TestHierarchy.create(Files.createDirectories(directory.resolve("ec")), KeySpec.EC_P384);
    }

    @AfterAll
    static void close() {
        rsaPki.close();
        ecPki.close();
    }

    static List<Arguments> cases() {
        return List.of(
                Arguments.of("rsa", "authentication", "secp256r1"),
                Arguments.of("rsa", "signature", "rsa2048"),
                Arguments.of("ec", "authentication", "rsa3072"),
                Arguments.of("ec", "signature", "secp384r1"));
    }

    @ParameterizedTest(name = "{0} CA, {1} certificate, {2} key")
    @MethodSource("cases")
    void whenHolderCertificatesAreIssued_thenOpensslVerifiesThemStrictly(String ca, String profile, String key) throws Exception {
        TestHierarchy pki = "rsa".equals(ca) ? rsaPki : ecPki;
        X509CertificateHolder leaf = issue(pki, profile, key);
        Path dir = Files.createTempDirectory(directory, profile);
        Path root = write(dir.resolve("root.pem"), pki.root().certificate());
        Path issuing = write(dir.resolve("issuing.pem"), pki.issuing().certificate());
        Path leafFile = write(dir.resolve("leaf.pem"), leaf);
        OpenSsl openssl = OpenSsl.require();

        var verify = openssl.run("verify", "-x509_strict", "-CAfile", root.toString(), "-untrusted", issuing.toString(),
                leafFile.toString());
        assertThat(verify.succeeded()).as(verify.describe()).isTrue();
        assertThat(verify.stdout()).contains(leafFile + ": OK");

        if ("authentication".equals(profile)) {
            var purpose = openssl.run("verify", "-x509_strict", "-purpose", "sslclient", "-CAfile", root.toString(),
                    "-untrusted", issuing.toString(), leafFile.toString());
            assertThat(purpose.succeeded()).as(purpose.describe()).isTrue();
        }

        String subject = openssl.runSuccessfully("x509", "-in", leafFile.toString(), "-noout", "-subject",
                "-nameopt", "multiline,show_type").stdout();
        assertThat(subject).contains("countryName               = PRINTABLESTRING:FR")
                .contains("serialNumber              = PRINTABLESTRING:ACT-000042")
                .contains("organizationalUnitName    = UTF8STRING:0002 " + TestSubjects.SIREN)
                .contains("commonName                = UTF8STRING:");

        String text = openssl.runSuccessfully("x509", "-in", leafFile.toString(), "-noout", "-text").stdout();
        assertThat(text).contains("X509v3 Key Usage: critical").contains("CA:FALSE")
                .contains("OCSP - URI:http://pki.test.example/pki/ocsp")
                .contains("URI:http://pki.test.example/pki/crl/acteurs.crl");
    }

    @ParameterizedTest(name = "{0} CA, {1} certificate, {2} key")
    @MethodSource("cases")
    void whenHolderCertificatesAreIssued_thenTheJdkPkixValidatorAccepts(String ca, String profile, String key) throws Exception {
        TestHierarchy pki = "rsa".equals(ca) ? rsaPki : ecPki;
        X509Certificate leaf = Certificates.toJdk(issue(pki, profile, key));
        X509Certificate issuing = Certificates.toJdk(pki.issuing().certificate());
        X509Certificate root = Certificates.toJdk(pki.root().certificate());

        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, issuing));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setExplicitPolicyRequired(true);
        parameters.setInitialPolicies(Set.of(pki.settings().authenticationPolicyOid(), pki.settings().signaturePolicyOid()));

        PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                .validate(path, parameters);
        assertThat(result.getPublicKey()).isEqualTo(leaf.getPublicKey());
        assertThat(result.getPolicyTree()).isNotNull();
    }

    private static X509CertificateHolder issue(TestHierarchy pki, String profile, String key) {
        var keyPair = switch (key) {
            case "rsa2048" -> TestKeys.rsa(2048);
            case "rsa3072" -> TestKeys.rsa(3072);
            default -> TestKeys.ec(key);
        };
        return pki.ca().issue(new IssuanceRequest(profile, TestKeys.csr(keyPair), TestSubjects.marieDupont())).certificate();
    }

    private static Path write(Path file, X509CertificateHolder certificate) throws Exception {
        PemFiles.writeCertificate(file, certificate);
        return file;
    }
}
