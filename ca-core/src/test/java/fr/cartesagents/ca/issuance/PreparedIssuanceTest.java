package fr.cartesagents.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.token.KeySpec;

/** prepare then sign: what is recorded before signing is exactly what gets signed. */
class PreparedIssuanceTest {

    @TempDir
    static Path directory;
    static TestHierarchy pki;

    @BeforeAll
    static void createHierarchy() {
        pki = TestHierarchy.create(directory, KeySpec.RSA_2048);
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    @Test
    void whenAPreparedCertificateIsSigned_thenItIsThePreparedTbsUnderTheCaKey() throws Exception {
        CertificateAuthority ca = pki.ca();
        KeyPair holderKey = TestKeys.ec("secp256r1");
        PreparedCertificate prepared = ca.prepare(
                new IssuanceRequest("authentication", TestKeys.csr(holderKey), TestSubjects.marieDupont()));

        IssuedCertificate issued = ca.sign(prepared);

        assertThat(issued.serial()).isEqualTo(prepared.serial());
        assertThat(issued.profileName()).isEqualTo("authentication");
        assertThat(issued.certificate().toASN1Structure().getTBSCertificate().getEncoded("DER"))
                .isEqualTo(prepared.tbsDer());
        assertThat(issued.certificate().getSubject()).isEqualTo(prepared.subject());
        assertThat(issued.notBefore()).isEqualTo(prepared.notBefore());
        assertThat(issued.notAfter()).isEqualTo(prepared.notAfter());
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(new BouncyCastleProvider());
        X509Certificate certificate = converter.getCertificate(issued.certificate());
        PublicKey caKey = converter.getCertificate(pki.issuing().certificate()).getPublicKey();
        certificate.verify(caKey, new BouncyCastleProvider());
        Signature verifier = Signature.getInstance(certificate.getSigAlgName(), new BouncyCastleProvider());
        verifier.initVerify(caKey);
        verifier.update(prepared.tbsDer());
        assertThat(verifier.verify(certificate.getSignature())).isTrue();
        assertThat(certificate.getPublicKey().getEncoded()).isEqualTo(holderKey.getPublic().getEncoded());
    }

    @Test
    void whenEachCallPrepares_thenSerialsDiffer() {
        CertificateAuthority ca = pki.ca();
        IssuanceRequest request = new IssuanceRequest("authentication", TestKeys.csr(TestKeys.ec("secp256r1")),
                TestSubjects.marieDupont());
        assertThat(ca.prepare(request).serial()).isNotEqualTo(ca.prepare(request).serial());
    }

    @Test
    void whenAnotherAuthorityPrepared_thenSignRefusesIt() {
        PreparedCertificate foreign = pki.ca().prepare(new IssuanceRequest("authentication",
                TestKeys.csr(TestKeys.ec("secp256r1")), TestSubjects.marieDupont()));
        CertificateAuthority other = pki.ca();
        assertThatThrownBy(() -> other.sign(foreign)).isInstanceOf(IllegalArgumentException.class);
    }
}
