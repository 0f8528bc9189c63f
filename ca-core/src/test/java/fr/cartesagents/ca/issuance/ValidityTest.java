package fr.cartesagents.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.token.KeySpec;

class ValidityTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:15:30.750Z");

    @Test
    void whenTheIssuerOutlivesTheProfile_thenHolderCertificatesLastThreeYearsFromIssuance(@TempDir Path directory) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (TestHierarchy pki = TestHierarchy.create(directory, KeySpec.EC_P256, Period.ofYears(6), clock)) {
            IssuedCertificate issued = pki.ca().issue(new IssuanceRequest("authentication",
                    TestKeys.csr(TestKeys.ec("secp256r1")), TestSubjects.marieDupont()));
            assertThat(issued.notBefore()).isEqualTo(Instant.parse("2026-03-02T09:15:30Z"));
            assertThat(issued.notAfter()).isEqualTo(Instant.parse("2029-03-02T09:15:30Z"));
        }
    }

    @Test
    void whenTheIssuerExpiresFirst_thenNotAfterIsCappedAtTheIssuers(@TempDir Path directory) {
        Clock creation = Clock.fixed(NOW, ZoneOffset.UTC);
        try (TestHierarchy pki = TestHierarchy.create(directory, KeySpec.EC_P256, Period.ofYears(1), creation)) {
            Instant issuerNotAfter = pki.issuing().certificate().getNotAfter().toInstant();
            Clock later = Clock.fixed(NOW.plus(java.time.Duration.ofDays(100)), ZoneOffset.UTC);
            IssuedCertificate issued = pki.caBuilder().clock(later).build().issue(new IssuanceRequest("signature",
                    TestKeys.csr(TestKeys.ec("secp256r1")), TestSubjects.marieDupont()));
            assertThat(issued.notAfter()).isEqualTo(issuerNotAfter);
            assertThat(issued.notBefore()).isEqualTo(later.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
    }

    @Test
    void whenTheRequestSetsAnEarlierEnd_thenNotAfterIsThatEnd_andAnEndBeforeIssuanceIsRefused(@TempDir Path directory) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (TestHierarchy pki = TestHierarchy.create(directory, KeySpec.EC_P256, Period.ofYears(6), clock)) {
            IssuanceRequest request = new IssuanceRequest("authentication", TestKeys.csr(TestKeys.ec("secp256r1")),
                    TestSubjects.marieDupont());
            // The end of the card that holds the key, with a fraction of a second that X.509 cannot say.
            Instant cardEnd = Instant.parse("2027-11-20T08:00:00.400Z");
            assertThat(pki.ca().issue(request.endingNoLaterThan(cardEnd)).notAfter()).isEqualTo(Instant.parse("2027-11-20T08:00:00Z"));
            // A later end changes nothing: the profile's 3 years still apply.
            assertThat(pki.ca().issue(request.endingNoLaterThan(Instant.parse("2035-01-01T00:00:00Z"))).notAfter())
                    .isEqualTo(Instant.parse("2029-03-02T09:15:30Z"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> pki.ca().prepare(request.endingNoLaterThan(NOW)))
                    .isInstanceOfSatisfying(IssuanceRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(IssuanceRefusedException.Reason.NO_VALIDITY_LEFT));
        }
    }

    @Test
    void whenIssuedAfter2049_thenTimesAreGeneralizedTime(@TempDir Path directory) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2048-06-01T00:00:00Z"), ZoneOffset.UTC);
        try (TestHierarchy pki = TestHierarchy.create(directory, KeySpec.EC_P256, Period.ofYears(6), clock)) {
            IssuedCertificate issued = pki.ca().issue(new IssuanceRequest("signature",
                    TestKeys.csr(TestKeys.ec("secp256r1")), TestSubjects.marieDupont()));
            var validity = issued.certificate().toASN1Structure().getTBSCertificate();
            // RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
            assertThat(validity.getStartDate().toASN1Primitive()).isInstanceOf(org.bouncycastle.asn1.ASN1UTCTime.class);
            assertThat(validity.getEndDate().toASN1Primitive()).isInstanceOf(org.bouncycastle.asn1.ASN1GeneralizedTime.class);
            Certificates.toJdk(issued.certificate()).verify(pki.issuing().publicKey());
        }
    }
}
