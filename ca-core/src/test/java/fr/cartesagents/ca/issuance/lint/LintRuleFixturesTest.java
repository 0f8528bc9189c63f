package fr.cartesagents.ca.issuance.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.issuance.IssuanceRequest;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.issuance.TestKeys;
import fr.cartesagents.ca.issuance.TestSubjects;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ca.token.KeySpec;

/**
 * Each lint rule, on its own, against a certificate that passes it (the CA's own issue, or the CA's
 * certificate for the rules of CA profiles) and one that fails it (that certificate with one defect,
 * re-signed by a throwaway key: the lint never checks signatures). A rule of {@link Linter#standard()}
 * without fixtures fails its own test, so a new rule cannot arrive untested.
 */
class LintRuleFixturesTest {

    @TempDir
    static Path directory;
    static TestHierarchy pki;
    static ProfileCatalog catalog;
    static IssuerFacts issuer;
    static KeyPair throwawaySigner;
    /** An authentication certificate issued by the CA, through the lint: it passes every rule. */
    static X509CertificateHolder golden;

    /** The certificate that passes the rule, and the one with the rule's defect, with the profile both claim. */
    record Fixture(String profile, Supplier<X509CertificateHolder> passing, Supplier<X509CertificateHolder> failing,
                   IssuerFacts failingIssuer) {

        static Fixture of(UnaryOperator<X509v3CertificateBuilder> defect) {
            return new Fixture("authentication", () -> golden, () -> rebuilt(defect), null);
        }

        static Fixture failing(Supplier<X509CertificateHolder> failing) {
            return new Fixture("authentication", () -> golden, failing, null);
        }
    }

    @BeforeAll
    static void createHierarchy() {
        pki = TestHierarchy.create(directory, KeySpec.EC_P256);
        catalog = ProfileCatalog.standard(pki.settings());
        issuer = IssuerFactsOf.issuing(pki);
        throwawaySigner = TestKeys.ec("secp256r1");
        golden = pki.ca().issue(new IssuanceRequest("authentication", TestKeys.csr(TestKeys.ec("secp256r1")),
                TestSubjects.marieDupont())).certificate();
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    static Map<String, Fixture> fixtures() {
        return Map.ofEntries(
                Map.entry("version-3", Fixture.failing(LintRuleFixturesTest::versionOne)),
                Map.entry("serial-number", Fixture.of(b -> b.setSerialNumber(BigInteger.valueOf(4242)))),
                Map.entry("signature-algorithm-matches-issuer", Fixture.failing(() -> rebuilt(b -> b, rsaSigner()))),
                Map.entry("issuer-name-matches-issuer", new Fixture("authentication", () -> golden, () -> golden,
                        withIssuerName(new X500Name(new RDN[] {new RDN(new AttributeTypeAndValue(BCStyle.CN,
                                new DERUTF8String("AC Autre")))})))),
                Map.entry("validity-within-issuer", Fixture.of(
                        b -> b.setNotAfter(Date.from(issuer.notAfter().plus(1, ChronoUnit.DAYS))))),
                Map.entry("validity-within-profile", Fixture.of(b -> b.setNotAfter(
                        Date.from(golden.getNotBefore().toInstant().plus(3 * 366 + 1, ChronoUnit.DAYS))))),
                Map.entry("subject-not-empty", Fixture.of(b -> b.setSubject(new X500Name(new RDN[0])))),
                Map.entry("subject-string-encodings", Fixture.of(b -> b.setSubject(replaced(golden.getSubject(),
                        new AttributeTypeAndValue(BCStyle.C, new DERUTF8String("FR")))))),
                Map.entry("subject-attribute-lengths", Fixture.of(b -> b.setSubject(replaced(golden.getSubject(),
                        new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("M".repeat(65))))))),
                Map.entry("rgs-holder-subject", Fixture.of(b -> b.setSubject(replaced(golden.getSubject(),
                        new AttributeTypeAndValue(BCStyle.OU, new DERUTF8String("Service état civil")))))),
                Map.entry("subject-key-allowed", Fixture.failing(() -> withKey(TestKeys.rsa(1024)))),
                Map.entry("basic-constraints", Fixture.of(b -> extension(b, Extension.basicConstraints, true,
                        new BasicConstraints(true)))),
                Map.entry("key-usage-matches-profile", Fixture.of(b -> extension(b, Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)))),
                Map.entry("key-usage-critical", Fixture.of(b -> extension(b, Extension.keyUsage, false,
                        new KeyUsage(KeyUsage.digitalSignature)))),
                Map.entry("extended-key-usage-matches-profile", Fixture.of(b -> extension(b, Extension.extendedKeyUsage,
                        false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)))),
                Map.entry("rgs-holder-usages", Fixture.of(b -> remove(b, Extension.extendedKeyUsage))),
                Map.entry("authority-key-identifier", Fixture.of(b -> extension(b, Extension.authorityKeyIdentifier,
                        false, new AuthorityKeyIdentifier(new byte[20])))),
                Map.entry("subject-key-identifier", Fixture.of(b -> extension(b, Extension.subjectKeyIdentifier,
                        false, new SubjectKeyIdentifier(new byte[20])))),
                Map.entry("certificate-policies-match-profile", Fixture.of(b -> extension(b, Extension.certificatePolicies,
                        false, new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier("1.2.3.4")))))),
                Map.entry("revocation-pointers", Fixture.of(b -> remove(b, Extension.cRLDistributionPoints))),
                Map.entry("ocsp-no-check", Fixture.of(b -> extension(b, OCSPObjectIdentifiers.id_pkix_ocsp_nocheck,
                        false, DERNull.INSTANCE))),
                Map.entry("subject-alt-name", Fixture.of(b -> extension(b, Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "mairie.example.fr"))))),
                Map.entry("known-extensions-only", Fixture.of(b -> extension(b, new ASN1ObjectIdentifier("1.2.3.4.5"),
                        true, DERNull.INSTANCE))));
    }

    @TestFactory
    Stream<DynamicTest> eachRulePassesItsGoodFixtureAndFlagsItsBadOne() {
        Map<String, Fixture> fixtures = fixtures();
        return Linter.standard().rules().stream().map(rule -> DynamicTest.dynamicTest(rule.name(), () -> {
            Fixture fixture = fixtures.get(rule.name());
            assertThat(fixture).as("fixtures for the lint rule " + rule.name()).isNotNull();
            LintTarget passing = new LintTarget(fixture.passing().get(), catalog.byName(fixture.profile()), issuer);
            LintTarget failing = new LintTarget(fixture.failing().get(), catalog.byName(fixture.profile()),
                    fixture.failingIssuer() != null ? fixture.failingIssuer() : issuer);

            assertThat(rule.check(passing)).as(rule.name() + " on its passing fixture").isEmpty();
            assertThat(rule.check(failing)).as(rule.name() + " on its failing fixture").isNotEmpty()
                    .allSatisfy(finding -> assertThat(finding.rule()).isEqualTo(rule.name()));
            assertThat(Linter.standard().lint(failing)).as("the whole lint on " + rule.name() + "'s failing fixture")
                    .extracting(LintFinding::rule).contains(rule.name());
        }));
    }

    private static X509CertificateHolder rebuilt(UnaryOperator<X509v3CertificateBuilder> defect) {
        return rebuilt(defect, ecSigner());
    }

    private static X509CertificateHolder rebuilt(UnaryOperator<X509v3CertificateBuilder> defect, ContentSigner signer) {
        return defect.apply(new X509v3CertificateBuilder(golden)).build(signer);
    }

    /** The golden certificate's fields and extensions around another subject key. */
    private static X509CertificateHolder withKey(KeyPair key) {
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(golden.getIssuer(), golden.getSerialNumber(),
                golden.getNotBefore(), golden.getNotAfter(), golden.getSubject(),
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        for (Object oid : golden.getExtensionOIDs()) {
            builder.copyAndAddExtension((ASN1ObjectIdentifier) oid, golden.getExtension((ASN1ObjectIdentifier) oid).isCritical(),
                    golden);
        }
        return builder.build(ecSigner());
    }

    /** A version 1 certificate: no extensions at all. */
    private static X509CertificateHolder versionOne() {
        return new X509v1CertificateBuilder(golden.getIssuer(), golden.getSerialNumber(), golden.getNotBefore(),
                golden.getNotAfter(), golden.getSubject(), golden.getSubjectPublicKeyInfo()).build(ecSigner());
    }

    private static IssuerFacts withIssuerName(X500Name name) {
        return new IssuerFacts(name, issuer.keyIdentifier(), issuer.notBefore(), issuer.notAfter(),
                issuer.signatureAlgorithm());
    }

    private static X509v3CertificateBuilder extension(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid,
                                                      boolean critical, ASN1Encodable value) {
        try {
            return builder.hasExtension(oid) ? builder.replaceExtension(oid, critical, value)
                    : builder.addExtension(oid, critical, value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509v3CertificateBuilder remove(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid) {
        return builder.removeExtension(oid);
    }

    private static X500Name replaced(X500Name name, AttributeTypeAndValue replacement) {
        RDN[] rdns = name.getRDNs().clone();
        for (int i = 0; i < rdns.length; i++) {
            if (rdns[i].getFirst().getType().equals(replacement.getType())) {
                rdns[i] = new RDN(replacement);
            }
        }
        return new X500Name(rdns);
    }

    private static ContentSigner ecSigner() {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(throwawaySigner.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner rsaSigner() {
        try {
            return new JcaContentSignerBuilder("SHA256withRSA").build(TestKeys.rsa(2048).getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
