package fr.cartesagents.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.publickey.KeyIdentifiers;
import fr.cartesagents.ca.token.KeySpec;

class CertificateAuthorityProfilesTest {

    private static final String ARC = PkiSettings.PROJECT_POLICY_ARC;

    @TempDir
    static Path directory;
    static TestHierarchy pki;
    static CertificateAuthority ca;

    @BeforeAll
    static void createHierarchy() {
        pki = TestHierarchy.create(directory, KeySpec.RSA_2048);
        ca = pki.ca();
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    @Test
    void whenAuthentication_thenDigitalSignatureCriticalClientAuthAndAuthenticationPolicy() throws Exception {
        X509CertificateHolder certificate = issueHolder("authentication", TestKeys.ec("secp256r1"));
        X509Certificate jdk = Certificates.toJdk(certificate);

        assertThat(certificate.getExtension(Extension.keyUsage).isCritical()).isTrue();
        assertThat(KeyUsage.fromExtensions(certificate.getExtensions()).getBytes()[0] & 0xFF)
                .isEqualTo(KeyUsage.digitalSignature);
        assertThat(jdk.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(Certificates.policies(certificate)).containsExactly(ARC + ".1.1");
        assertEndEntityCommonExtensions(certificate);
    }

    @Test
    void whenSignature_thenNonRepudiationCriticalAloneNoEkuAndSignaturePolicy() throws Exception {
        X509CertificateHolder certificate = issueHolder("signature", TestKeys.rsa(2048));
        X509Certificate jdk = Certificates.toJdk(certificate);

        assertThat(certificate.getExtension(Extension.keyUsage).isCritical()).isTrue();
        boolean[] keyUsage = jdk.getKeyUsage();
        assertThat(keyUsage[1]).as("nonRepudiation").isTrue();
        for (int bit = 0; bit < keyUsage.length; bit++) {
            if (bit != 1) {
                assertThat(keyUsage[bit]).as("key usage bit " + bit).isFalse();
            }
        }
        assertThat(certificate.getExtension(Extension.extendedKeyUsage)).isNull();
        assertThat(Certificates.policies(certificate)).containsExactly(ARC + ".1.2");
        assertEndEntityCommonExtensions(certificate);
    }

    @Test
    void whenHolderSubject_thenTheRgsDnWithItsEncodings() throws Exception {
        X509CertificateHolder certificate = issueHolder("authentication", TestKeys.ec("secp384r1"));
        RDN[] rdns = certificate.getSubject().getRDNs();

        assertThat(Arrays.stream(rdns).map(r -> r.getFirst().getType()).toList())
                .containsExactly(BCStyle.C, BCStyle.O, BCStyle.OU, BCStyle.CN, BCStyle.SERIALNUMBER);
        assertThat(rdns[0].getFirst().getValue()).isInstanceOf(ASN1PrintableString.class);
        assertThat(rdns[1].getFirst().getValue()).isInstanceOf(ASN1UTF8String.class);
        assertThat(rdns[2].getFirst().getValue()).isInstanceOf(ASN1UTF8String.class);
        assertThat(rdns[3].getFirst().getValue()).isInstanceOf(ASN1UTF8String.class);
        assertThat(rdns[4].getFirst().getValue()).isInstanceOf(ASN1PrintableString.class);
        assertThat(IETFUtils.valueToString(rdns[2].getFirst().getValue())).isEqualTo("0002 " + TestSubjects.SIREN);
        assertThat(IETFUtils.valueToString(rdns[3].getFirst().getValue())).isEqualTo("Marie-Hélène DUPONT");
        assertThat(IETFUtils.valueToString(rdns[4].getFirst().getValue())).isEqualTo("ACT-000042");
        // P-384 subject key, RSA CA: the CA signs with its own algorithm.
        assertThat(Certificates.toJdk(certificate).getSigAlgName()).isEqualTo("SHA256withRSA");
    }

    @Test
    void whenTlsServerWithRsaKey_thenServerAuthSanAndKeyEncipherment() throws Exception {
        X509CertificateHolder certificate = ca.issue(new IssuanceRequest("tls-server", TestKeys.csr(TestKeys.rsa(2048)),
                ServerSubject.of("localhost", "127.0.0.1"))).certificate();
        X509Certificate jdk = Certificates.toJdk(certificate);

        assertThat(jdk.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(jdk.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(jdk.getKeyUsage()[2]).as("keyEncipherment").isTrue();
        assertThat(jdk.getSubjectAlternativeNames().stream().map(name -> (Object) name.get(1)).toList())
                .containsExactly("localhost", "127.0.0.1");
        assertThat(Certificates.policies(certificate)).containsExactly(ARC + ".1.3");
    }

    @Test
    void whenTlsServerWithEcKey_thenNoKeyEncipherment() throws Exception {
        X509CertificateHolder certificate = ca.issue(new IssuanceRequest("tls-server", TestKeys.csr(TestKeys.ec("secp256r1")),
                ServerSubject.of("ra.example.fr"))).certificate();
        X509Certificate jdk = Certificates.toJdk(certificate);

        assertThat(jdk.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(jdk.getKeyUsage()[2]).as("keyEncipherment").isFalse();
        GeneralName[] names = GeneralNames.getInstance(certificate.getExtension(Extension.subjectAlternativeName)
                .getParsedValue()).getNames();
        assertThat(names).extracting(GeneralName::getTagNo).containsExactly(GeneralName.dNSName);
    }

    @Test
    void whenTlsClient_thenClientAuthForAnAdministratorDn() throws Exception {
        X509CertificateHolder certificate = ca.issue(new IssuanceRequest("tls-client", TestKeys.csr(TestKeys.ec("secp256r1")),
                DistinguishedName.parse("CN=Administrateur,O=Cartes Agents Test,C=FR"))).certificate();
        assertThat(Certificates.toJdk(certificate).getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck)).isNull();
    }

    @Test
    void whenIssued_thenTheCertificateVerifiesWithTheIssuingCaKey() throws Exception {
        X509CertificateHolder certificate = issueHolder("authentication", TestKeys.ec("secp256r1"));
        Certificates.toJdk(certificate).verify(new JcaX509CertificateConverter()
                .getCertificate(pki.issuing().certificate()).getPublicKey());
        assertThat(certificate.getIssuer()).isEqualTo(pki.issuing().certificate().getSubject());
    }

    @Test
    void whenIssuedInPlaceholderLintMode_thenTheSameShapeIsIssued() throws Exception {
        CertificateAuthority placeholder = pki.caBuilder().lintSigning(LintSigning.PLACEHOLDER_SIGNATURE).build();
        X509CertificateHolder certificate = placeholder.issue(new IssuanceRequest("signature",
                TestKeys.csr(TestKeys.ec("secp256r1")), TestSubjects.marieDupont())).certificate();
        assertEndEntityCommonExtensions(certificate);
        Certificates.toJdk(certificate).verify(pki.issuing().publicKey());
    }

    private static X509CertificateHolder issueHolder(String profile, KeyPair keyPair) {
        IssuedCertificate issued = ca.issue(new IssuanceRequest(profile, TestKeys.csr(keyPair), TestSubjects.marieDupont()));
        assertThat(issued.profileName()).isEqualTo(profile);
        assertThat(issued.serial()).isPositive();
        return issued.certificate();
    }

    private static void assertEndEntityCommonExtensions(X509CertificateHolder certificate) throws Exception {
        Extension basicConstraints = certificate.getExtension(Extension.basicConstraints);
        assertThat(basicConstraints.isCritical()).isTrue();
        assertThat(BasicConstraints.getInstance(basicConstraints.getParsedValue()).isCA()).isFalse();

        byte[] issuerSki = SubjectKeyIdentifier.fromExtensions(pki.issuing().certificate().getExtensions()).getKeyIdentifier();
        assertThat(AuthorityKeyIdentifier.fromExtensions(certificate.getExtensions()).getKeyIdentifierOctets())
                .isEqualTo(issuerSki);
        assertThat(SubjectKeyIdentifier.fromExtensions(certificate.getExtensions()).getKeyIdentifier())
                .isEqualTo(KeyIdentifiers.subjectKeyIdentifier(certificate.getSubjectPublicKeyInfo()));

        assertThat(Certificates.crlUris(certificate)).containsExactly("http://pki.test.example/pki/crl/acteurs.crl");
        assertThat(Certificates.ocspUris(certificate)).containsExactly("http://pki.test.example/pki/ocsp");
        assertThat(Certificates.caIssuersUris(certificate)).containsExactly("http://pki.test.example/pki/ca/acteurs.crt");
        assertThat(certificate.getVersionNumber()).isEqualTo(3);
        assertThat(List.of(certificate.getExtensions().getCriticalExtensionOIDs()))
                .containsExactlyInAnyOrder(Extension.basicConstraints, Extension.keyUsage);
    }
}
