package fr.cartesagents.ca.issuance.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import fr.cartesagents.ca.issuance.CertificateAuthority;
import fr.cartesagents.ca.issuance.IssuanceRefusedException;
import fr.cartesagents.ca.issuance.IssuanceRefusedException.Reason;
import fr.cartesagents.ca.issuance.IssuanceRequest;
import fr.cartesagents.ca.issuance.LintSigning;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.issuance.TestKeys;
import fr.cartesagents.ca.issuance.TestSubjects;
import fr.cartesagents.ca.profile.CertificateProfile;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ca.token.KeySpec;

class LinterTest {

    @TempDir
    static Path directory;
    static TestHierarchy pki;
    static ProfileCatalog catalog;
    static IssuerFacts issuerFacts;
    /** Signs the hand-made "golden" certificates; the lint never checks signatures. */
    static KeyPair goldenSigner;
    static X509CertificateHolder good;

    @BeforeAll
    static void createHierarchy() {
        pki = TestHierarchy.create(directory, KeySpec.EC_P256);
        catalog = ProfileCatalog.standard(pki.settings());
        issuerFacts = IssuerFactsOf.issuing(pki);
        goldenSigner = TestKeys.ec("secp256r1");
        good = pki.ca().issue(new IssuanceRequest("authentication", TestKeys.csr(TestKeys.ec("secp256r1")),
                TestSubjects.marieDupont())).certificate();
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    @Test
    void whenRulesAreListed_thenEachHasAUniqueNameAndACitation() {
        Set<String> names = new HashSet<>();
        for (LintRule rule : Linter.standard().rules()) {
            assertThat(names.add(rule.name())).as("duplicate rule name " + rule.name()).isTrue();
            assertThat(rule.name()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(rule.citation()).isNotBlank();
        }
    }

    @Test
    void whenTheCertificateFollowsItsProfile_thenNoFinding() {
        assertThat(lint(good, "authentication")).isEmpty();
        assertThat(lint(rebuilt(b -> b), "authentication")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(LintSigning.class)
    void whenAProfileLeavesKeyUsageNonCritical_thenIssuanceIsRefusedByTheLint(LintSigning mode) {
        CertificateProfile auth = catalog.byName("authentication");
        CertificateProfile broken = new CertificateProfile(auth.name(), auth.kind(), auth.keyUsage(), false,
                auth.extendedKeyUsageOids(), auth.policyOids(), auth.validity(), auth.allowedKeys(), auth.pathLength(),
                auth.ocspNoCheck(), auth.includeRevocationPointers());
        CertificateAuthority ca = pki.caBuilder().profiles(catalog.with(broken)).lintSigning(mode).build();

        IssuanceRefusedException refused = catchThrowableOfType(IssuanceRefusedException.class,
                () -> ca.issue(new IssuanceRequest("authentication", TestKeys.csr(TestKeys.ec("secp256r1")),
                        TestSubjects.marieDupont())));

        assertThat(refused.reason()).isEqualTo(Reason.LINT_FAILED);
        assertThat(refused).hasMessageContaining("key-usage-critical");
    }

    @ParameterizedTest
    @EnumSource(LintSigning.class)
    void whenASignatureProfileGrantsClientAuth_thenIssuanceIsRefusedByTheRgsRule(LintSigning mode) {
        CertificateProfile signature = catalog.byName("signature");
        CertificateProfile broken = new CertificateProfile(signature.name(), signature.kind(), signature.keyUsage(), true,
                List.of(KeyPurposeId.id_kp_clientAuth.getId()), signature.policyOids(), signature.validity(),
                signature.allowedKeys(), signature.pathLength(), false, true);
        CertificateAuthority ca = pki.caBuilder().profiles(catalog.with(broken)).lintSigning(mode).build();

        IssuanceRefusedException refused = catchThrowableOfType(IssuanceRefusedException.class,
                () -> ca.issue(new IssuanceRequest("signature", TestKeys.csr(TestKeys.rsa(2048)), TestSubjects.marieDupont())));

        assertThat(refused.reason()).isEqualTo(Reason.LINT_FAILED);
        assertThat(refused).hasMessageContaining("rgs-holder-usages").hasMessageContaining("no extKeyUsage");
    }

    @Test
    void whenCountryIsUtf8_thenStringEncodingFinding() {
        X500Name subject = replace(good.getSubject(), BCStyle.C, new AttributeTypeAndValue(BCStyle.C, new DERUTF8String("FR")));
        assertThat(rules(lint(rebuilt(b -> b.setSubject(subject)), "authentication"))).containsExactly("subject-string-encodings");
    }

    @Test
    void whenSerialNumberIsUtf8_thenStringEncodingFinding() {
        X500Name subject = replace(good.getSubject(), BCStyle.SERIALNUMBER,
                new AttributeTypeAndValue(BCStyle.SERIALNUMBER, new DERUTF8String("ACT-000042")));
        assertThat(rules(lint(rebuilt(b -> b.setSubject(subject)), "authentication"))).containsExactly("subject-string-encodings");
    }

    @Test
    void whenCommonNameExceeds64_thenLengthFinding() {
        X500Name subject = replace(good.getSubject(), BCStyle.CN,
                new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("M".repeat(65))));
        assertThat(rules(lint(rebuilt(b -> b.setSubject(subject)), "authentication"))).containsExactly("subject-attribute-lengths");
    }

    @Test
    void whenTheOuIsNotASiren_thenRgsSubjectFinding() {
        X500Name subject = replace(good.getSubject(), BCStyle.OU,
                new AttributeTypeAndValue(BCStyle.OU, new DERUTF8String("Service état civil")));
        assertThat(rules(lint(rebuilt(b -> b.setSubject(subject)), "authentication"))).containsExactly("rgs-holder-subject");
    }

    @Test
    void whenTheSerialIsSmall_thenSerialFinding() {
        assertThat(rules(lint(rebuilt(b -> b.setSerialNumber(BigInteger.valueOf(4242))), "authentication")))
                .containsExactly("serial-number");
    }

    @Test
    void whenNotAfterPassesTheIssuers_thenValidityFinding() {
        Date late = Date.from(issuerFacts.notAfter().plus(1, ChronoUnit.DAYS));
        assertThat(rules(lint(rebuilt(b -> b.setNotAfter(late)), "authentication")))
                .contains("validity-within-issuer");
    }

    @Test
    void whenTheLifetimeExceedsTheProfile_thenValidityFinding() {
        Instant notBefore = good.getNotBefore().toInstant();
        Date late = Date.from(notBefore.plus(3 * 366 + 1, ChronoUnit.DAYS));
        X509CertificateHolder longLived = rebuilt(b -> b.setNotAfter(late));
        assertThat(rules(new Linter(List.of(new ValidityWithinProfileRule()))
                .lint(new LintTarget(longLived, catalog.byName("authentication"), issuerFacts))))
                .containsExactly("validity-within-profile");
    }

    @Test
    void whenTheAuthorityKeyIdentifierIsAnotherKeys_thenAkiFinding() {
        X509CertificateHolder wrongAki = rebuilt(b -> replace(b, Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(new byte[20])));
        assertThat(rules(lint(wrongAki, "authentication"))).containsExactly("authority-key-identifier");
    }

    @Test
    void whenTheCrlDistributionPointIsMissing_thenRevocationPointersFinding() {
        X509CertificateHolder noCrl = rebuilt(b -> b.removeExtension(Extension.cRLDistributionPoints));
        assertThat(rules(lint(noCrl, "authentication"))).containsExactly("revocation-pointers");
    }

    @Test
    void whenAnEndEntityClaimsToBeACa_thenBasicConstraintsFinding() {
        X509CertificateHolder ca = rebuilt(b -> replace(b, Extension.basicConstraints, true, new BasicConstraints(true)));
        assertThat(rules(lint(ca, "authentication"))).containsExactly("basic-constraints");
    }

    @Test
    void whenAnUnknownCriticalExtensionAppears_thenKnownExtensionsFinding() {
        X509CertificateHolder extra = rebuilt(b -> replace(b, new ASN1ObjectIdentifier("1.2.3.4.5"), true, DERNull.INSTANCE));
        assertThat(rules(lint(extra, "authentication"))).containsExactly("known-extensions-only");
    }

    @Test
    void whenCheckedAgainstTheWrongProfile_thenUsageFindings() {
        assertThat(rules(lint(good, "signature"))).contains("key-usage-matches-profile",
                "extended-key-usage-matches-profile", "certificate-policies-match-profile", "rgs-holder-usages");
    }

    @Test
    void whenTheSignatureAlgorithmIsNotTheIssuers_thenSignatureAlgorithmFinding() throws Exception {
        X509CertificateHolder rsaSigned = new X509v3CertificateBuilder(good)
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(TestKeys.rsa(2048).getPrivate()));
        assertThat(rules(lint(rsaSigned, "authentication"))).containsExactly("signature-algorithm-matches-issuer");
    }

    private static List<LintFinding> lint(X509CertificateHolder certificate, String profile) {
        return Linter.standard().lint(new LintTarget(certificate, catalog.byName(profile), issuerFacts));
    }

    private static List<String> rules(List<LintFinding> findings) {
        return findings.stream().map(LintFinding::rule).distinct().toList();
    }

    private static X509CertificateHolder rebuilt(UnaryOperator<X509v3CertificateBuilder> change) {
        try {
            return change.apply(new X509v3CertificateBuilder(good))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(goldenSigner.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509v3CertificateBuilder replace(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
                                                    org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            return builder.hasExtension(oid) ? builder.replaceExtension(oid, critical, value) : builder.addExtension(oid, critical, value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name replace(X500Name name, ASN1ObjectIdentifier type, AttributeTypeAndValue replacement) {
        RDN[] rdns = name.getRDNs().clone();
        for (int i = 0; i < rdns.length; i++) {
            if (rdns[i].getFirst().getType().equals(type)) {
                rdns[i] = new RDN(replacement);
            }
        }
        return new X500Name(rdns);
    }

}
