package fr.cartesagents.ca.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.issuance.Certificates;
import fr.cartesagents.ca.issuance.IssuanceRefusedException;
import fr.cartesagents.ca.issuance.IssuanceRefusedException.Reason;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.issuance.TestKeys;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.token.KeySpec;

class KeyCeremonyTest {

    @TempDir
    static Path directory;
    static TestHierarchy pki;

    @BeforeAll
    static void ceremony() {
        pki = TestHierarchy.create(directory, KeySpec.RSA_2048);
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    @Test
    void whenTheRootIsCreated_thenItIsASelfSignedCaWithoutPathLength() throws Exception {
        X509CertificateHolder root = pki.root().certificate();
        X509Certificate jdk = Certificates.toJdk(root);

        assertThat(root.getIssuer()).isEqualTo(root.getSubject()).isEqualTo(TestHierarchy.ROOT_NAME);
        jdk.verify(jdk.getPublicKey());
        Extension basicConstraints = root.getExtension(Extension.basicConstraints);
        assertThat(basicConstraints.isCritical()).isTrue();
        assertThat(BasicConstraints.getInstance(basicConstraints.getParsedValue()).isCA()).isTrue();
        assertThat(BasicConstraints.getInstance(basicConstraints.getParsedValue()).getPathLenConstraint()).isNull();
        assertThat(root.getExtension(Extension.keyUsage).isCritical()).isTrue();
        assertThat(jdk.getKeyUsage()).startsWith(false, false, false, false, false, true, true);
        byte[] ski = SubjectKeyIdentifier.fromExtensions(root.getExtensions()).getKeyIdentifier();
        assertThat(AuthorityKeyIdentifier.fromExtensions(root.getExtensions()).getKeyIdentifierOctets()).isEqualTo(ski);
        assertThat(root.getExtension(Extension.cRLDistributionPoints)).isNull();
        assertThat(root.getExtension(Extension.authorityInfoAccess)).isNull();
        assertThat(root.getExtension(Extension.certificatePolicies)).isNull();
        assertThat(root.getNotAfter().toInstant()).isEqualTo(
                root.getNotBefore().toInstant().atOffset(ZoneOffset.UTC).plusYears(12).toInstant());
    }

    @Test
    void whenTheIssuingCaIsCreated_thenPathLenZeroPoliciesAndTheRootsPointers() throws Exception {
        X509CertificateHolder issuing = pki.issuing().certificate();
        X509Certificate jdk = Certificates.toJdk(issuing);

        jdk.verify(pki.root().publicKey());
        assertThat(issuing.getIssuer()).isEqualTo(TestHierarchy.ROOT_NAME);
        assertThat(jdk.getBasicConstraints()).isZero();
        assertThat(issuing.getExtension(Extension.basicConstraints).isCritical()).isTrue();
        assertThat(issuing.getExtension(Extension.keyUsage).isCritical()).isTrue();
        assertThat(jdk.getKeyUsage()).startsWith(false, false, false, false, false, true, true);
        PkiSettings settings = pki.settings();
        assertThat(Certificates.policies(issuing)).containsExactly(settings.authenticationPolicyOid(),
                settings.signaturePolicyOid(), settings.servicePolicyOid());
        assertThat(Certificates.crlUris(issuing)).containsExactly("http://pki.test.example/pki/crl/root.crl");
        assertThat(Certificates.caIssuersUris(issuing)).containsExactly("http://pki.test.example/pki/ca/root.crt");
        assertThat(Certificates.ocspUris(issuing)).isEmpty();
        assertThat(AuthorityKeyIdentifier.fromExtensions(issuing.getExtensions()).getKeyIdentifierOctets())
                .isEqualTo(SubjectKeyIdentifier.fromExtensions(pki.root().certificate().getExtensions()).getKeyIdentifier());
    }

    @Test
    void whenTheOcspSignerIsCreated_thenOcspSigningNoCheckAndNoPointers() throws Exception {
        X509CertificateHolder signer = KeyCeremony.createOcspSigner(pki.issuing(), pki.token(), "ocsp-1", KeySpec.EC_P256,
                new X500Name("C=FR,O=Cartes Agents Test,CN=Répondeur OCSP"), Period.ofYears(1), pki.settings());
        X509Certificate jdk = Certificates.toJdk(signer);

        jdk.verify(pki.issuing().publicKey());
        assertThat(jdk.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.9");
        assertThat(signer.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck)).isNotNull();
        assertThat(signer.getExtension(Extension.keyUsage).isCritical()).isTrue();
        assertThat(jdk.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
        assertThat(jdk.getBasicConstraints()).isEqualTo(-1);
        assertThat(signer.getExtension(Extension.cRLDistributionPoints)).isNull();
        assertThat(signer.getExtension(Extension.authorityInfoAccess)).isNull();
        assertThat(pki.token().publicKey("ocsp-1")).contains(jdk.getPublicKey());

        Path dir = chainFiles("ocsp", signer);
        var verify = OpenSsl.require().run("verify", "-x509_strict", "-purpose", "ocsphelper", "-CAfile",
                dir.resolve("root.pem").toString(), "-untrusted", dir.resolve("issuing.pem").toString(),
                dir.resolve("leaf.pem").toString());
        assertThat(verify.succeeded()).as(verify.describe()).isTrue();
    }

    @Test
    void whenATlsServerCertificateIsIssued_thenOpensslAcceptsItForLocalhostAndItsIp() throws Exception {
        KeyPair key = TestKeys.ec("secp256r1");
        X509CertificateHolder tls = KeyCeremony.issueTlsServer(pki.issuing(), key.getPublic(), List.of("localhost", "127.0.0.1"),
                Period.ofYears(1), TestHierarchy.issuingUrls());
        X509Certificate jdk = Certificates.toJdk(tls);

        assertThat(jdk.getSubjectAlternativeNames().stream().map(name -> (Object) name.get(1)).toList())
                .containsExactly("localhost", "127.0.0.1");
        assertThat(jdk.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");

        Path dir = chainFiles("tls", tls);
        var verify = OpenSsl.require().run("verify", "-x509_strict", "-purpose", "sslserver", "-verify_hostname", "localhost",
                "-verify_ip", "127.0.0.1", "-CAfile", dir.resolve("root.pem").toString(), "-untrusted",
                dir.resolve("issuing.pem").toString(), dir.resolve("leaf.pem").toString());
        assertThat(verify.succeeded()).as(verify.describe()).isTrue();
        var wrongHost = OpenSsl.require().run("verify", "-verify_hostname", "example.org", "-CAfile",
                dir.resolve("root.pem").toString(), "-untrusted", dir.resolve("issuing.pem").toString(),
                dir.resolve("leaf.pem").toString());
        assertThat(wrongHost.succeeded()).isFalse();
    }

    @Test
    void whenTheRootAndIssuingCaAreVerifiedByOpenssl_thenTheyPassStrictChecks() throws Exception {
        Path dir = chainFiles("ca", pki.issuing().certificate());
        var verify = OpenSsl.require().run("verify", "-x509_strict", "-check_ss_sig", "-CAfile",
                dir.resolve("root.pem").toString(), dir.resolve("issuing.pem").toString());
        assertThat(verify.succeeded()).as(verify.describe()).isTrue();
    }

    @Test
    void whenTheNameIsEmpty_thenNothingIsGeneratedAndTheSubjectIsRefused() {
        IssuanceRefusedException refused = catchThrowableOfType(IssuanceRefusedException.class,
                () -> KeyCeremony.createIssuingCa(pki.root(), pki.token(), "unnamed", KeySpec.EC_P256, new X500Name(""),
                        Period.ofYears(6), TestHierarchy.rootUrls(), pki.settings()));
        assertThat(refused.reason()).isEqualTo(Reason.INVALID_SUBJECT);
        assertThat(pki.token().publicKey("unnamed")).isEmpty();
    }

    @Test
    void whenTheIssuingCaWouldOutliveTheRoot_thenItIsCappedAtTheRootsNotAfter() {
        X509CertificateHolder longLived = KeyCeremony.createIssuingCa(pki.root(), pki.token(), "issuing-long",
                KeySpec.EC_P256, new X500Name("C=FR,O=Cartes Agents Test,CN=AC longue"), Period.ofYears(30),
                TestHierarchy.rootUrls(), pki.settings());
        assertThat(longLived.getNotAfter()).isEqualTo(pki.root().certificate().getNotAfter());
    }

    @Test
    void whenPemFilesAreWrittenAndRead_thenCertificatesChainsAndCrlsRoundTrip() throws Exception {
        Path chainFile = directory.resolve("pem/chain.pem");
        List<X509CertificateHolder> chain = List.of(pki.issuing().certificate(), pki.root().certificate());
        PemFiles.writeChain(chainFile, chain);
        assertThat(PemFiles.readCertificates(chainFile)).containsExactlyElementsOf(chain);
        assertThat(PemFiles.parseCertificates(java.nio.file.Files.readString(chainFile))).containsExactlyElementsOf(chain);

        Path single = directory.resolve("pem/root.crt");
        PemFiles.writeDer(single, pki.root().certificate().getEncoded());
        assertThat(PemFiles.readCertificate(single)).isEqualTo(pki.root().certificate());

        CaSigner issuing = pki.issuing();
        X509CRLHolder crl = new X509v2CRLBuilder(issuing.certificate().getSubject(), Date.from(Instant.now()))
                .addCRLEntry(BigInteger.TEN, Date.from(Instant.now()), 1)
                .build(issuing.contentSigner());
        Path crlFile = directory.resolve("pem/issuing.crl.pem");
        PemFiles.writeCrl(crlFile, crl);
        assertThat(PemFiles.readCrl(crlFile)).isEqualTo(crl);
        assertThat(java.nio.file.Files.readString(crlFile)).startsWith("-----BEGIN X509 CRL-----");
        try (var files = java.nio.file.Files.list(directory.resolve("pem"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private static Path chainFiles(String name, X509CertificateHolder leaf) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory(directory, name);
        PemFiles.writeCertificate(dir.resolve("root.pem"), pki.root().certificate());
        PemFiles.writeCertificate(dir.resolve("issuing.pem"), pki.issuing().certificate());
        PemFiles.writeCertificate(dir.resolve("leaf.pem"), leaf);
        return dir;
    }
}
