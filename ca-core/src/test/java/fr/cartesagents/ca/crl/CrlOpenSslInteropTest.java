package fr.cartesagents.ca.crl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.revocation.fixture.TestPki;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.status.RevokedCertificate;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.token.KeySpec;

/** openssl, not our own parser, decides whether our CRLs are valid. */
class CrlOpenSslInteropTest {

    private static TestPki pki;
    private static OpenSsl openssl;

    @TempDir
    Path dir;

    @BeforeAll
    static void createPki() {
        openssl = OpenSsl.require();
        pki = TestPki.create(KeySpec.RSA_2048);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void opensslVerifiesTheCrlSignatureAndReadsItsEntries() throws Exception {
        CrlGenerator generator = new CrlGenerator(pki.issuing(), CrlSettings.defaults(), Clock.systemUTC());
        GeneratedCrl crl = generator.full(BigInteger.valueOf(4), List.of(
                new RevokedCertificate(BigInteger.valueOf(0xABCDEF), Instant.now().minusSeconds(60),
                        RevocationReason.KEY_COMPROMISE, Optional.of(Instant.parse("2026-01-15T12:00:00Z")))).iterator(),
                Optional.of(java.net.URI.create("http://pki.example.fr/pki/crl/issuing/delta.crl")));
        Files.write(dir.resolve("crl.der"), crl.der());
        TestPki.writePem(dir.resolve("issuing.pem"), pki.issuing().certificate());

        ProcessResult verify = openssl.run("crl", "-inform", "DER", "-in", file("crl.der"), "-CAfile", file("issuing.pem"),
                "-noout", "-text");

        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("verify OK", "Key Compromise", "Invalidity Date", "Jan 15 12:00:00 2026 GMT",
                "X509v3 CRL Number", "4", "X509v3 Freshest CRL", "http://pki.example.fr/pki/crl/issuing/delta.crl",
                "Serial Number: ABCDEF");
    }

    @Test
    void opensslRejectsATamperedCrl() throws Exception {
        CrlGenerator generator = new CrlGenerator(pki.issuing(), CrlSettings.defaults(), Clock.systemUTC());
        byte[] der = generator.full(BigInteger.ONE, List.<RevokedCertificate>of().iterator(), Optional.empty()).der();
        der[der.length - 1] ^= 0x01; // last byte of the signature value
        Files.write(dir.resolve("crl.der"), der);
        TestPki.writePem(dir.resolve("issuing.pem"), pki.issuing().certificate());

        ProcessResult verify = openssl.run("crl", "-inform", "DER", "-in", file("crl.der"), "-CAfile", file("issuing.pem"), "-noout");

        assertThat(verify.output()).doesNotContain("verify OK").contains("verify failure");
    }

    @Test
    void opensslVerifyRefusesARevokedCertificateAndAcceptsAGoodOneWithTheCrl() throws Exception {
        X509CertificateHolder revokedLeaf = pki.issueLeaf("Alice MARTIN");
        X509CertificateHolder goodLeaf = pki.issueLeaf("Bruno DURAND");
        CrlGenerator generator = new CrlGenerator(pki.issuing(), CrlSettings.defaults(), Clock.systemUTC());
        GeneratedCrl crl = generator.full(BigInteger.TEN, List.of(new RevokedCertificate(revokedLeaf.getSerialNumber(),
                Instant.now().minusSeconds(5), RevocationReason.AFFILIATION_CHANGED, Optional.empty())).iterator(),
                Optional.empty());
        TestPki.writePem(dir.resolve("chain.pem"), pki.root().certificate(), pki.issuing().certificate());
        TestPki.writePem(dir.resolve("revoked.pem"), revokedLeaf);
        TestPki.writePem(dir.resolve("good.pem"), goodLeaf);
        TestPki.writePem(dir.resolve("crl.pem"), new X509CRLHolder(crl.der()));

        ProcessResult revoked = openssl.run("verify", "-crl_check", "-CAfile", file("chain.pem"), "-CRLfile", file("crl.pem"),
                file("revoked.pem"));
        ProcessResult good = openssl.run("verify", "-crl_check", "-CAfile", file("chain.pem"), "-CRLfile", file("crl.pem"),
                file("good.pem"));

        assertThat(revoked.exitCode()).isNotZero();
        assertThat(revoked.output()).contains("certificate revoked");
        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output()).contains("good.pem: OK");
    }

    @Test
    void opensslVerifiesADeltaCrl() throws Exception {
        CrlGenerator generator = new CrlGenerator(pki.issuing(), CrlSettings.defaults(), Clock.systemUTC());
        GeneratedCrl delta = generator.delta(BigInteger.valueOf(101), BigInteger.valueOf(100), List.of(
                new RevokedCertificate(BigInteger.valueOf(77), Instant.now().minusSeconds(1), RevocationReason.SUPERSEDED,
                        Optional.empty())).iterator());
        Files.write(dir.resolve("delta.der"), delta.der());
        TestPki.writePem(dir.resolve("issuing.pem"), pki.issuing().certificate());

        ProcessResult verify = openssl.run("crl", "-inform", "DER", "-in", file("delta.der"), "-CAfile", file("issuing.pem"),
                "-noout", "-text");

        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("verify OK", "X509v3 Delta CRL Indicator: critical", "100", "Superseded");
    }

    @Test
    void opensslVerifiesALargeCrl() throws Exception {
        CrlGenerator generator = new CrlGenerator(pki.issuing(), CrlSettings.defaults(), Clock.systemUTC());
        GeneratedCrl crl = generator.full(BigInteger.valueOf(1000), CrlGeneratorTest.syntheticEntries(200_000),
                Optional.empty());
        Files.write(dir.resolve("large.der"), crl.der());
        TestPki.writePem(dir.resolve("issuing.pem"), pki.issuing().certificate());

        ProcessResult verify = openssl.run("crl", "-inform", "DER", "-in", file("large.der"), "-CAfile", file("issuing.pem"),
                "-noout");

        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("verify OK");
    }
}
