package fr.cartesagents.ca.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

import fr.cartesagents.ca.revocation.fixture.TestPki;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.status.RevokedCertificate;
import fr.cartesagents.ca.token.KeySpec;

class CrlGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30.789Z");
    private static final Instant REVOKED_AT = Instant.parse("2026-02-27T08:00:00Z");
    private static final TestPki PKI = TestPki.create(KeySpec.EC_P256);

    private final CrlGenerator generator = new CrlGenerator(PKI.issuing(), CrlSettings.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void fullCrlCarriesTheRfc5280FieldsAndVerifiesWithTheCaKey() throws Exception {
        URI delta = URI.create("http://pki.example.fr/pki/crl/issuing/delta.crl");
        GeneratedCrl crl = generator.full(BigInteger.valueOf(7), List.of(
                revoked(0x10, RevocationReason.KEY_COMPROMISE, Optional.of(Instant.parse("2026-02-20T00:00:00Z"))),
                revoked(0x11, RevocationReason.UNSPECIFIED, Optional.empty()),
                revoked(0xFF, RevocationReason.SUPERSEDED, Optional.empty())).iterator(), Optional.of(delta));

        assertThat(crl.delta()).isFalse();
        assertThat(crl.number()).isEqualTo(7);
        assertThat(crl.thisUpdate()).isEqualTo(Instant.parse("2026-03-02T10:15:30Z"));
        assertThat(crl.nextUpdate()).isEqualTo(crl.thisUpdate().plus(Duration.ofHours(26)));

        X509CRLHolder holder = new X509CRLHolder(crl.der());
        assertThat(holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(PKI.issuing().publicKey()))).isTrue();
        assertThat(holder.getIssuer()).isEqualTo(PKI.issuing().certificate().getSubject());
        assertThat(holder.toASN1Structure().getVersionNumber()).isEqualTo(2);
        assertThat(holder.getThisUpdate()).isEqualTo(Date.from(crl.thisUpdate()));
        assertThat(holder.getNextUpdate()).isEqualTo(Date.from(crl.nextUpdate()));
        assertThat(CRLNumber.getInstance(holder.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber())
                .isEqualTo(7);
        assertThat(AuthorityKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifier())
                .isEqualTo(SubjectKeyIdentifier.fromExtensions(PKI.issuing().certificate().getExtensions()).getKeyIdentifier());
        Extension freshest = holder.getExtension(Extension.freshestCRL);
        assertThat(freshest.isCritical()).isFalse();
        GeneralName deltaLocation = CRLDistPoint.getInstance(freshest.getParsedValue()).getDistributionPoints()[0]
                .getDistributionPoint().getName().toASN1Primitive() instanceof ASN1Sequence names
                ? GeneralName.getInstance(names.getObjectAt(0)) : null;
        assertThat(deltaLocation).isEqualTo(new GeneralName(GeneralName.uniformResourceIdentifier, delta.toString()));
        assertThat(holder.getExtension(Extension.deltaCRLIndicator)).isNull();

        X509CRLEntryHolder compromised = holder.getRevokedCertificate(BigInteger.valueOf(0x10));
        assertThat(compromised.getRevocationDate()).isEqualTo(Date.from(REVOKED_AT));
        assertThat(reasonOf(compromised)).isEqualTo(CRLReason.keyCompromise);
        assertThat(ASN1GeneralizedTime.getInstance(compromised.getExtensions().getExtension(Extension.invalidityDate)
                .getParsedValue()).getDate()).isEqualTo(Date.from(Instant.parse("2026-02-20T00:00:00Z")));

        X509CRLEntryHolder unspecified = holder.getRevokedCertificate(BigInteger.valueOf(0x11));
        assertThat(unspecified.hasExtensions()).as("unspecified is expressed by omitting reasonCode").isFalse();

        X509CRLEntryHolder superseded = holder.getRevokedCertificate(BigInteger.valueOf(0xFF));
        assertThat(reasonOf(superseded)).isEqualTo(CRLReason.superseded);
        assertThat(superseded.getExtensions().getExtension(Extension.invalidityDate)).isNull();
        assertThat(holder.getRevokedCertificates()).hasSize(3);
    }

    @Test
    void theJdkParsesAndVerifiesTheCrl() throws Exception {
        GeneratedCrl crl = generator.full(BigInteger.ONE, List.of(
                revoked(0x80, RevocationReason.CESSATION_OF_OPERATION, Optional.empty())).iterator(), Optional.empty());

        X509CRL jdkCrl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crl.der()));
        jdkCrl.verify(PKI.issuing().publicKey());
        X509CRLEntry entry = jdkCrl.getRevokedCertificate(BigInteger.valueOf(0x80));
        assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.CESSATION_OF_OPERATION);
        assertThat(jdkCrl.getVersion()).isEqualTo(2);
    }

    @Test
    void theEncodingIsDistinguished() throws Exception {
        GeneratedCrl crl = generator.full(BigInteger.TWO, List.of(
                revoked(0x7F, RevocationReason.KEY_COMPROMISE, Optional.of(REVOKED_AT)),
                revoked(0x8000, RevocationReason.AFFILIATION_CHANGED, Optional.empty())).iterator(), Optional.empty());

        // Re-encoding what BouncyCastle parsed as DER must give back our bytes exactly.
        assertThat(ASN1Primitive.fromByteArray(crl.der()).getEncoded(ASN1Encoding.DER)).isEqualTo(crl.der());
    }

    @Test
    void revocationTimesFrom2050AreGeneralizedTimes() throws Exception {
        Instant in2050 = Instant.parse("2050-01-01T00:00:01Z");
        GeneratedCrl crl = generator.full(BigInteger.valueOf(3), List.of(
                new RevokedCertificate(BigInteger.valueOf(5), in2050, RevocationReason.KEY_COMPROMISE, Optional.empty()),
                revoked(6, RevocationReason.KEY_COMPROMISE, Optional.empty())).iterator(), Optional.empty());

        TBSCertList tbs = new X509CRLHolder(crl.der()).toASN1Structure().getTBSCertList();
        TBSCertList.CRLEntry[] entries = tbs.getRevokedCertificates();
        assertThat(entries[0].getRevocationDate().toASN1Primitive()).isInstanceOf(ASN1GeneralizedTime.class);
        assertThat(entries[0].getRevocationDate().getDate()).isEqualTo(Date.from(in2050));
        assertThat(entries[1].getRevocationDate().toASN1Primitive()).isInstanceOf(ASN1UTCTime.class);
        assertThat(tbs.getThisUpdate().toASN1Primitive()).isInstanceOf(ASN1UTCTime.class);
    }

    @Test
    void deltaCrlCarriesACriticalDeltaIndicatorAndMayRemoveFromCrl() throws Exception {
        GeneratedCrl delta = generator.delta(BigInteger.valueOf(12), BigInteger.valueOf(10), List.of(
                revoked(0x21, RevocationReason.CERTIFICATE_HOLD, Optional.empty()),
                revoked(0x22, RevocationReason.REMOVE_FROM_CRL, Optional.empty())).iterator());

        assertThat(delta.delta()).isTrue();
        X509CRLHolder holder = new X509CRLHolder(delta.der());
        assertThat(holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(PKI.issuing().publicKey()))).isTrue();
        Extension indicator = holder.getExtension(Extension.deltaCRLIndicator);
        assertThat(indicator.isCritical()).isTrue();
        assertThat(CRLNumber.getInstance(indicator.getParsedValue()).getCRLNumber()).isEqualTo(10);
        assertThat(CRLNumber.getInstance(holder.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber())
                .isEqualTo(12);
        assertThat(holder.getExtension(Extension.freshestCRL)).isNull();
        assertThat(reasonOf(holder.getRevokedCertificate(BigInteger.valueOf(0x22)))).isEqualTo(CRLReason.removeFromCRL);
    }

    @Test
    void crlNumbersMustIncrease() {
        generator.full(BigInteger.valueOf(5), Collections.emptyIterator(), Optional.empty());

        assertThatThrownBy(() -> generator.full(BigInteger.valueOf(5), Collections.emptyIterator(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not greater than 5");
        assertThatThrownBy(() -> generator.delta(BigInteger.valueOf(4), BigInteger.valueOf(3), Collections.emptyIterator()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not greater than 5");
        GeneratedCrl delta = generator.delta(BigInteger.valueOf(6), BigInteger.valueOf(5), Collections.emptyIterator());
        assertThat(delta.number()).isEqualTo(6);
        assertThat(generator.full(BigInteger.valueOf(9), Collections.emptyIterator(), Optional.empty()).number())
                .as("gaps are allowed").isEqualTo(9);
    }

    @Test
    void refusesInvalidNumbersAndEntries() {
        assertThatThrownBy(() -> generator.full(BigInteger.ZERO, Collections.emptyIterator(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> generator.full(BigInteger.ONE.shiftLeft(159), Collections.emptyIterator(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 octets");
        assertThatThrownBy(() -> generator.delta(BigInteger.valueOf(20), BigInteger.valueOf(20), Collections.emptyIterator()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base CRL number");
        assertThatThrownBy(() -> generator.full(BigInteger.valueOf(30), List.of(
                revoked(1, RevocationReason.REMOVE_FROM_CRL, Optional.empty())).iterator(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("removeFromCRL");
        assertThatThrownBy(() -> generator.full(BigInteger.valueOf(31), List.of(
                revoked(0, RevocationReason.KEY_COMPROMISE, Optional.empty())).iterator(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-positive serial");
    }

    @Test
    void anEmptyCrlHasNoRevokedCertificatesField() throws Exception {
        GeneratedCrl crl = generator.full(BigInteger.valueOf(40), Collections.emptyIterator(), Optional.empty());

        ASN1Sequence tbs = ASN1Sequence.getInstance(ASN1Sequence.getInstance(crl.der()).getObjectAt(0));
        // version, signature, issuer, thisUpdate, nextUpdate, [0] crlExtensions: RFC 5280 section 5.1.2.6
        assertThat(tbs.size()).isEqualTo(6);
        assertThat(new X509CRLHolder(crl.der()).getRevokedCertificates()).isEmpty();
    }

    @Test
    void aLargeCrlIsStreamedAndParses() throws Exception {
        int count = 200_000;
        GeneratedCrl crl = generator.full(BigInteger.valueOf(50), syntheticEntries(count), Optional.empty());

        X509CRLHolder holder = new X509CRLHolder(crl.der());
        assertThat(holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(PKI.issuing().publicKey()))).isTrue();
        Collection<?> entries = holder.getRevokedCertificates();
        assertThat(entries).hasSize(count);
        X509CRLEntryHolder last = holder.getRevokedCertificate(syntheticSerial(count - 1));
        assertThat(reasonOf(last)).isEqualTo(syntheticReason(count - 1).code());
    }

    /** Entries made on the fly, as a database cursor would yield them. */
    static Iterator<RevokedCertificate> syntheticEntries(int count) {
        return new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return index < count;
            }

            @Override
            public RevokedCertificate next() {
                int i = index++;
                return new RevokedCertificate(syntheticSerial(i), REVOKED_AT.plusSeconds(i), syntheticReason(i),
                        i % 3 == 0 ? Optional.of(REVOKED_AT.minusSeconds(i)) : Optional.empty());
            }
        };
    }

    static BigInteger syntheticSerial(int index) {
        // 64 random-looking bits and more, like real serials
        return BigInteger.valueOf(index).shiftLeft(72).or(BigInteger.valueOf(0x5DEECE66DL * (index + 1)).abs()).add(BigInteger.ONE);
    }

    static RevocationReason syntheticReason(int index) {
        RevocationReason[] reasons = {RevocationReason.KEY_COMPROMISE, RevocationReason.SUPERSEDED,
                RevocationReason.AFFILIATION_CHANGED, RevocationReason.CESSATION_OF_OPERATION};
        return reasons[index % reasons.length];
    }

    private static RevokedCertificate revoked(long serial, RevocationReason reason, Optional<Instant> invalidity) {
        return new RevokedCertificate(BigInteger.valueOf(serial), REVOKED_AT, reason, invalidity);
    }

    private static int reasonOf(X509CRLEntryHolder entry) {
        return CRLReason.getInstance(entry.getExtensions().getExtension(Extension.reasonCode).getParsedValue())
                .getValue().intValue();
    }
}
