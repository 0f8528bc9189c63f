package fr.cartesagents.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.issuance.IssuanceRefusedException.Reason;
import fr.cartesagents.ca.token.KeySpec;

class IssuanceRefusalTest {

    @TempDir
    static Path directory;
    static TestHierarchy pki;
    static CertificateAuthority ca;

    @BeforeAll
    static void createHierarchy() {
        pki = TestHierarchy.create(directory, KeySpec.EC_P256);
        ca = pki.ca();
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    @Test
    void whenTheCsrIsNotDer_thenMalformedRequest() {
        assertRefused(request("authentication", "not a CSR".getBytes()), Reason.MALFORMED_REQUEST);
        byte[] truncated = Arrays.copyOf(TestKeys.csr(TestKeys.ec("secp256r1")), 40);
        assertRefused(request("authentication", truncated), Reason.MALFORMED_REQUEST);
        byte[] trailingGarbage = Arrays.copyOf(TestKeys.csr(TestKeys.ec("secp256r1")), 500);
        assertRefused(request("authentication", trailingGarbage), Reason.MALFORMED_REQUEST);
    }

    @Test
    void whenThePemIsNotACsr_thenMalformedRequest() {
        IssuanceRefusedException refused = catchThrowableOfType(IssuanceRefusedException.class,
                () -> IssuanceRequest.fromPem("authentication", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                        TestSubjects.marieDupont()));
        assertThat(refused.reason()).isEqualTo(Reason.MALFORMED_REQUEST);
    }

    @Test
    void whenTheCsrExceeds64KiB_thenRequestTooLargeBeforeParsing() {
        byte[] huge = new byte[64 * 1024 + 1];
        huge[0] = 0x30;
        assertRefused(request("authentication", huge), Reason.REQUEST_TOO_LARGE);
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(new byte[100 * 1024])
                + "\n-----END CERTIFICATE REQUEST-----\n";
        IssuanceRefusedException refused = catchThrowableOfType(IssuanceRefusedException.class,
                () -> IssuanceRequest.fromPem("authentication", pem, TestSubjects.marieDupont()));
        assertThat(refused.reason()).isEqualTo(Reason.REQUEST_TOO_LARGE);
    }

    @Test
    void whenTheCsrSignatureIsAltered_thenBadSignature() throws Exception {
        for (KeyPair keyPair : new KeyPair[] {TestKeys.rsa(2048), TestKeys.ec("secp256r1")}) {
            byte[] csr = TestKeys.csr(keyPair);
            PKCS10CertificationRequest parsed = new PKCS10CertificationRequest(csr);
            byte[] signature = parsed.getSignature();
            // The signature BIT STRING ends the DER encoding: flip a byte in its middle.
            csr[csr.length - signature.length / 2] ^= 0x01;
            assertRefused(request("authentication", csr), Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void whenTheCsrIsSignedByAnotherKey_thenBadSignature() throws Exception {
        byte[] csr = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"),
                TestKeys.ec("secp256r1").getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                        .build(TestKeys.ec("secp384r1").getPrivate()))
                .getEncoded();
        assertRefused(request("authentication", csr), Reason.BAD_SIGNATURE);
    }

    @Test
    void whenTheCsrIsSignedWithAnAcceptedAlgorithm_thenItsProofOfPossessionHolds() throws Exception {
        KeyPair rsa = TestKeys.rsa(2048);
        KeyPair ec = TestKeys.ec("secp256r1");
        for (String algorithm : new String[] {"SHA256withRSA", "SHA384withRSA", "SHA512withRSA"}) {
            CertificationRequests.verifyProofOfPossession(new PKCS10CertificationRequest(TestKeys.csr(rsa, algorithm)));
        }
        // RSASSA-PSS: the JDK signs it under another name, BouncyCastle under this one.
        CertificationRequests.verifyProofOfPossession(new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=x"), rsa.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSAandMGF1")
                        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(rsa.getPrivate())));
        for (String algorithm : new String[] {"SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA"}) {
            CertificationRequests.verifyProofOfPossession(new PKCS10CertificationRequest(TestKeys.csr(ec, algorithm)));
        }
    }

    @Test
    void whenTheCsrNamesAnAlgorithmOfAnotherKeyFamily_thenBadSignature() throws Exception {
        // An RSA key's request whose signature algorithm says ECDSA (and the reverse): never a proof of possession.
        byte[] rsaCsr = TestKeys.csr(TestKeys.rsa(2048));
        byte[] ecCsr = TestKeys.csr(TestKeys.ec("secp256r1"));
        PKCS10CertificationRequest rsaRequest = new PKCS10CertificationRequest(rsaCsr);
        PKCS10CertificationRequest ecRequest = new PKCS10CertificationRequest(ecCsr);
        for (PKCS10CertificationRequest[] pair : new PKCS10CertificationRequest[][] {{rsaRequest, ecRequest}, {ecRequest, rsaRequest}}) {
            org.bouncycastle.asn1.pkcs.CertificationRequest swapped = new org.bouncycastle.asn1.pkcs.CertificationRequest(
                    pair[0].toASN1Structure().getCertificationRequestInfo(), pair[1].getSignatureAlgorithm(),
                    new org.bouncycastle.asn1.DERBitString(pair[1].getSignature()));
            assertRefused(request("authentication", swapped.getEncoded()), Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void whenTheCsrIsSignedWithSha1_thenBadSignature() {
        assertRefused(request("authentication", TestKeys.csr(TestKeys.rsa(2048), "SHA1withRSA")), Reason.BAD_SIGNATURE);
    }

    @Test
    void whenRsa1024_thenWeakKey() {
        IssuanceRefusedException refused = assertRefused(request("authentication", TestKeys.csr(TestKeys.rsa(1024))),
                Reason.WEAK_KEY);
        assertThat(refused).hasMessageContaining("1024");
    }

    @Test
    void whenRsaExponentIs3_thenWeakKey() {
        assertRefused(request("signature", TestKeys.csr(TestKeys.rsa(2048, BigInteger.valueOf(3)))), Reason.WEAK_KEY);
    }

    @Test
    void whenP521OrSecp256k1_thenKeyTypeNotAllowed() {
        assertRefused(request("authentication", TestKeys.csr(TestKeys.ec("secp521r1"), "SHA512withECDSA")),
                Reason.KEY_TYPE_NOT_ALLOWED);
    }

    @Test
    void whenRsa4096ForAHolder_thenKeyTypeNotAllowedByTheProfile() {
        IssuanceRefusedException refused = assertRefused(request("authentication", TestKeys.csr(TestKeys.rsa(4096))),
                Reason.KEY_TYPE_NOT_ALLOWED);
        assertThat(refused).hasMessageContaining("authentication");
    }

    @Test
    void whenTheProfileIsUnknown_thenUnknownProfile() {
        IssuanceRefusedException refused = assertRefused(request("vip", TestKeys.csr(TestKeys.ec("secp256r1"))),
                Reason.UNKNOWN_PROFILE);
        assertThat(refused).hasMessageContaining("vip").hasMessageContaining("authentication");
    }

    @Test
    void whenTheSirenFailsItsCheckDigit_thenTheSubjectCannotBeBuilt() {
        assertThatThrownBy(() -> new Siren("218201128")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Luhn");
        assertThatThrownBy(() -> new Siren("21820112")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Siren("21820112a")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Siren(TestSubjects.SIREN).value()).isEqualTo(TestSubjects.SIREN);
    }

    @Test
    void whenTheCommonNameIsLongerThan64_thenInvalidSubject() {
        HolderSubject longName = new HolderSubject("Marie-Hélène-Geneviève-Bernadette", "De La Tour D'Auvergne Lauraguais",
                "COMMUNE DE MOISSAC", new Siren(TestSubjects.SIREN), "ACT-1");
        IssuanceRefusedException refused = assertRefused(
                new IssuanceRequest("authentication", TestKeys.csr(TestKeys.ec("secp256r1")), longName), Reason.INVALID_SUBJECT);
        assertThat(refused).hasMessageContaining("commonName").hasMessageContaining("64");
    }

    @Test
    void whenASubjectValueIsEmptyOrHasControlCharacters_thenInvalidSubject() {
        Siren siren = new Siren(TestSubjects.SIREN);
        assertRefused(holder(new HolderSubject("Marie", "Dupont", " ", siren, "ACT-1")), Reason.INVALID_SUBJECT);
        assertRefused(holder(new HolderSubject("Marie", "Dupont\u0000", "COMMUNE", siren, "ACT-1")), Reason.INVALID_SUBJECT);
        assertRefused(holder(new HolderSubject("Marie\u202E", "Dupont", "COMMUNE", siren, "ACT-1")), Reason.INVALID_SUBJECT);
        assertRefused(holder(new HolderSubject("Marie", "Dupont", "COMMUNE", siren, "ACT_1")), Reason.INVALID_SUBJECT);
        assertRefused(holder(new HolderSubject("Marie", "Dupont", "O".repeat(65), siren, "ACT-1")), Reason.INVALID_SUBJECT);
    }

    @Test
    void whenTheSubjectKindDoesNotFitTheProfile_thenInvalidSubject() {
        assertRefused(new IssuanceRequest("authentication", TestKeys.csr(TestKeys.ec("secp256r1")),
                DistinguishedName.parse("CN=Someone,C=FR")), Reason.INVALID_SUBJECT);
        assertRefused(new IssuanceRequest("tls-server", TestKeys.csr(TestKeys.ec("secp256r1")),
                ServerSubject.of("bad_host.example")), Reason.INVALID_SUBJECT);
    }

    @Test
    void whenTheIssuerHasExpired_thenIssuerNotValid() {
        Instant afterExpiry = pki.issuing().certificate().getNotAfter().toInstant().plusSeconds(1);
        CertificateAuthority late = pki.caBuilder().clock(Clock.fixed(afterExpiry, ZoneOffset.UTC)).build();
        assertRefused(late, holder(TestSubjects.marieDupont()), Reason.ISSUER_NOT_VALID);
    }

    @Test
    void whenTheIssuerIsNotYetValid_thenIssuerNotValid() {
        Instant beforeValidity = pki.issuing().certificate().getNotBefore().toInstant().minus(Period.ofDays(1));
        CertificateAuthority early = pki.caBuilder().clock(Clock.fixed(beforeValidity, ZoneOffset.UTC)).build();
        assertRefused(early, holder(TestSubjects.marieDupont()), Reason.ISSUER_NOT_VALID);
    }

    private static IssuanceRequest holder(HolderSubject subject) {
        return new IssuanceRequest("authentication", TestKeys.csr(TestKeys.ec("secp256r1")), subject);
    }

    private static IssuanceRequest request(String profile, byte[] csr) {
        return new IssuanceRequest(profile, csr, TestSubjects.marieDupont());
    }

    private static IssuanceRefusedException assertRefused(IssuanceRequest request, Reason reason) {
        return assertRefused(ca, request, reason);
    }

    private static IssuanceRefusedException assertRefused(CertificateAuthority authority, IssuanceRequest request, Reason reason) {
        IssuanceRefusedException refused = catchThrowableOfType(IssuanceRefusedException.class, () -> authority.issue(request));
        assertThat(refused).as("refusal of " + request).isNotNull();
        assertThat(refused.reason()).as(refused.getMessage()).isEqualTo(reason);
        // Refusals belong to prepare: a caller that records the serial between prepare and sign must see the same one.
        IssuanceRefusedException refusedByPrepare = catchThrowableOfType(IssuanceRefusedException.class,
                () -> authority.prepare(request));
        assertThat(refusedByPrepare).as("refusal by prepare of " + request).isNotNull();
        assertThat(refusedByPrepare.reason()).isEqualTo(reason);
        assertThat(refusedByPrepare.getMessage()).isEqualTo(refused.getMessage());
        return refused;
    }
}
