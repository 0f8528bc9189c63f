package fr.cartesagents.ca.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Period;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.issuance.CertificateAuthority;
import fr.cartesagents.ca.issuance.IssuanceRequest;
import fr.cartesagents.ca.issuance.IssuedCertificate;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.issuance.TestKeys;
import fr.cartesagents.ca.issuance.TestSubjects;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.SoftHsmFixture;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ca.token.Pkcs12CryptoToken;

/** The issuing CA key generated and used inside SoftHSM2; openssl accepts what it signs. */
class SoftHsmIssuingCaTest {

    @Test
    void whenTheIssuingCaKeyLivesInSoftHsm_thenItsHolderCertificatesVerify(@TempDir Path directory) throws Exception {
        SoftHsmFixture softHsm = SoftHsmFixture.get();
        PkiSettings settings = PkiSettings.defaults();
        try (Pkcs12CryptoToken offline = Pkcs12CryptoToken.create(directory.resolve("root.p12"), "root-pass".toCharArray());
             Pkcs11CryptoToken hsm = softHsm.openNewToken("issuing")) {
            X509CertificateHolder rootCertificate = KeyCeremony.createRoot(offline, "root", KeySpec.RSA_3072,
                    TestHierarchy.ROOT_NAME, Period.ofYears(12), settings);
            CaSigner root = new CaSigner(rootCertificate, offline, "root");
            X509CertificateHolder issuingCertificate = KeyCeremony.createIssuingCa(root, hsm, "issuing-ca", KeySpec.RSA_2048,
                    TestHierarchy.ISSUING_NAME, Period.ofYears(6), TestHierarchy.rootUrls(), settings);
            CertificateAuthority ca = CertificateAuthority.builder()
                    .signer(new CaSigner(issuingCertificate, hsm, "issuing-ca"))
                    .profiles(ProfileCatalog.standard(settings)).urls(TestHierarchy.issuingUrls()).build();

            IssuedCertificate authentication = ca.issue(new IssuanceRequest("authentication",
                    TestKeys.csr(TestKeys.ec("secp256r1")), TestSubjects.marieDupont()));
            IssuedCertificate signature = ca.issue(new IssuanceRequest("signature",
                    TestKeys.csr(TestKeys.rsa(2048)), TestSubjects.marieDupont()));

            PemFiles.writeCertificate(directory.resolve("root.pem"), rootCertificate);
            PemFiles.writeCertificate(directory.resolve("issuing.pem"), issuingCertificate);
            PemFiles.writeCertificate(directory.resolve("auth.pem"), authentication.certificate());
            PemFiles.writeCertificate(directory.resolve("sign.pem"), signature.certificate());
            var verify = OpenSsl.require().run("verify", "-x509_strict", "-CAfile", directory.resolve("root.pem").toString(),
                    "-untrusted", directory.resolve("issuing.pem").toString(),
                    directory.resolve("auth.pem").toString(), directory.resolve("sign.pem").toString());
            assertThat(verify.succeeded()).as(verify.describe()).isTrue();
            assertThat(hsm.publicKey("issuing-ca")).isPresent();
        }
    }
}
