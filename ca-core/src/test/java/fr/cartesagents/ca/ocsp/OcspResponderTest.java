package fr.cartesagents.ca.ocsp;

import static fr.cartesagents.ca.revocation.fixture.TestOcspRequests.SHA1;
import static fr.cartesagents.ca.revocation.fixture.TestOcspRequests.SHA256;
import static fr.cartesagents.ca.revocation.fixture.TestOcspRequests.certificateId;
import static fr.cartesagents.ca.revocation.fixture.TestOcspRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

import fr.cartesagents.ca.revocation.fixture.InMemoryStatusSource;
import fr.cartesagents.ca.revocation.fixture.MutableClock;
import fr.cartesagents.ca.revocation.fixture.TestPki;
import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.token.KeySpec;

class OcspResponderTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30.500Z");
    private static final Instant NOW_SECONDS = Instant.parse("2026-03-02T10:15:30Z");
    private static final TestPki PKI = TestPki.create(KeySpec.EC_P256);
    private static final BigInteger GOOD = BigInteger.valueOf(0x1001);
    private static final BigInteger REVOKED = BigInteger.valueOf(0x1002);
    private static final BigInteger REVOKED_UNSPECIFIED = BigInteger.valueOf(0x1003);
    private static final BigInteger UNKNOWN = BigInteger.valueOf(0x9999);
    private static final Instant REVOKED_AT = Instant.parse("2026-02-28T09:00:00Z");
    private static final Instant COMPROMISED_SINCE = Instant.parse("2026-02-20T00:00:00Z");

    private final InMemoryStatusSource statuses = new InMemoryStatusSource()
            .set(GOOD, CertificateStatus.good())
            .set(REVOKED, new CertificateStatus.Revoked(REVOKED_AT, RevocationReason.KEY_COMPROMISE, Optional.of(COMPROMISED_SINCE)))
            .set(REVOKED_UNSPECIFIED, new CertificateStatus.Revoked(REVOKED_AT, RevocationReason.UNSPECIFIED, Optional.empty()));
    private final OcspResponder responder = new OcspResponder(PKI.ocspSigner(), PKI.issuing().certificate(), statuses,
            new MutableClock(NOW), Duration.ofHours(4));

    @Test
    void goodCertificateIsSignedByTheDelegatedResponderWithRfc5019Fields() throws Exception {
        CertificateID id = certificateId(SHA1, PKI.issuing().certificate(), GOOD);

        OcspResult result = responder.answer(request(null, id));

        assertThat(result.status()).isEqualTo(OcspResponseStatus.SUCCESSFUL);
        BasicOCSPResp basic = basicResponse(result.der());
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(PKI.ocspSigner().certificate()))).isTrue();
        assertThat(basic.getCerts()).containsExactly(PKI.ocspSigner().certificate());
        byte[] keyHash = MessageDigest.getInstance("SHA-1")
                .digest(PKI.ocspSigner().certificate().getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
        assertThat(basic.getResponderId().toASN1Primitive().getKeyHash()).isEqualTo(keyHash);
        assertThat(basic.getProducedAt()).isEqualTo(Date.from(NOW_SECONDS));
        SingleResp single = basic.getResponses()[0];
        assertThat(single.getCertID()).isEqualTo(id);
        assertThat(single.getCertStatus()).isNull(); // good
        assertThat(single.getThisUpdate()).isEqualTo(Date.from(NOW_SECONDS));
        assertThat(single.getNextUpdate()).isEqualTo(Date.from(NOW_SECONDS.plus(Duration.ofHours(4))));
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();

        assertThat(result.producedAt()).contains(NOW_SECONDS);
        assertThat(result.thisUpdate()).contains(NOW_SECONDS);
        assertThat(result.nextUpdate()).contains(NOW_SECONDS.plus(Duration.ofHours(4)));
        assertThat(result.cacheable()).isTrue();
        assertThat(result.maxAge(NOW_SECONDS.plus(Duration.ofHours(1)))).isEqualTo(Duration.ofHours(3));
        assertThat(result.entityTag()).startsWith("\"").hasSize(66);
        // DER, and no fractional seconds anywhere (RFC 5019 section 2.2.4)
        assertThat(ASN1Primitive.fromByteArray(result.der()).getEncoded(ASN1Encoding.DER)).isEqualTo(result.der());
        assertThat(new String(result.der(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("30.5");
    }

    @Test
    void revokedCertificateCarriesTimeReasonAndInvalidityDate() throws Exception {
        SingleResp single = singleResponse(responder.respond(request(null, certificateId(SHA1, PKI.issuing().certificate(), REVOKED))));

        RevokedStatus revoked = (RevokedStatus) single.getCertStatus();
        assertThat(revoked.getRevocationTime()).isEqualTo(Date.from(REVOKED_AT));
        assertThat(revoked.hasRevocationReason()).isTrue();
        assertThat(revoked.getRevocationReason()).isEqualTo(CRLReason.keyCompromise);
        assertThat(ASN1GeneralizedTime.getInstance(single.getExtension(Extension.invalidityDate).getParsedValue()).getDate())
                .isEqualTo(Date.from(COMPROMISED_SINCE));
    }

    @Test
    void unspecifiedReasonIsOmitted() throws Exception {
        SingleResp single = singleResponse(responder.respond(
                request(null, certificateId(SHA1, PKI.issuing().certificate(), REVOKED_UNSPECIFIED))));

        RevokedStatus revoked = (RevokedStatus) single.getCertStatus();
        assertThat(revoked.hasRevocationReason()).isFalse();
        assertThat(single.hasExtensions()).isFalse();
    }

    @Test
    void serialUnknownToTheStatusSourceIsUnknown() throws Exception {
        SingleResp single = singleResponse(responder.respond(request(null, certificateId(SHA1, PKI.issuing().certificate(), UNKNOWN))));

        assertThat(single.getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void sha256CertIdsAndSeveralCertificatesPerRequest() throws Exception {
        CertificateID good = certificateId(SHA256, PKI.issuing().certificate(), GOOD);
        CertificateID revoked = certificateId(SHA256, PKI.issuing().certificate(), REVOKED);
        CertificateID unknown = certificateId(SHA1, PKI.issuing().certificate(), UNKNOWN);

        SingleResp[] responses = basicResponse(responder.respond(request(null, good, revoked, unknown))).getResponses();

        assertThat(responses).extracting(SingleResp::getCertID).containsExactly(good, revoked, unknown);
        assertThat(responses[0].getCertStatus()).isNull();
        assertThat(responses[1].getCertStatus()).isInstanceOf(RevokedStatus.class);
        assertThat(responses[2].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void nonceIsEchoedAndTheResponseIsNotCacheable() throws Exception {
        for (int length : new int[] {1, 16, 32}) {
            byte[] nonce = new byte[length];
            Arrays.fill(nonce, (byte) length);

            OcspResult result = responder.answer(request(nonce, certificateId(SHA1, PKI.issuing().certificate(), GOOD)));

            Extension echoed = basicResponse(result.der()).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            assertThat(ASN1OctetString.getInstance(echoed.getParsedValue()).getOctets()).isEqualTo(nonce);
            assertThat(result.nonceEchoed()).isTrue();
            assertThat(result.cacheable()).isFalse();
            assertThat(result.maxAge(NOW)).isZero();
        }
    }

    @Test
    void nonceOutsideOneToThirtyTwoOctetsIsMalformed() throws Exception {
        CertificateID id = certificateId(SHA1, PKI.issuing().certificate(), GOOD);

        assertThat(statusOf(responder.respond(request(new byte[33], id)))).isEqualTo(OcspResponseStatus.MALFORMED_REQUEST);
        assertThat(statusOf(responder.respond(request(new byte[0], id)))).isEqualTo(OcspResponseStatus.MALFORMED_REQUEST);
        assertThatThrownBy(() -> responder.parse(request(new byte[33], id)))
                .isInstanceOf(MalformedOcspRequestException.class).hasMessageContaining("33 octets");
    }

    @Test
    void garbageIsAnsweredWithMalformedRequest() throws Exception {
        byte[] valid = request(null, certificateId(SHA1, PKI.issuing().certificate(), GOOD));
        byte[] trailing = Arrays.copyOf(valid, valid.length + 2);

        for (byte[] bad : new byte[][] {"hello".getBytes(), new byte[0], new byte[] {0x30, (byte) 0x82, 0x7F}, trailing,
                Arrays.copyOf(valid, valid.length - 1), new byte[OcspResponder.MAX_REQUEST_BYTES + 1]}) {
            OcspResult result = responder.answer(bad);
            assertThat(result.status()).isEqualTo(OcspResponseStatus.MALFORMED_REQUEST);
            assertThat(new OCSPResp(result.der()).getStatus()).isEqualTo(OcspResponseStatus.MALFORMED_REQUEST.code());
            assertThat(result.cacheable()).isFalse();
        }
        assertThat(responder.respond(null)).isEqualTo(responder.respond(new byte[0]));
    }

    @Test
    void atMostTenCertificatesPerRequest() throws Exception {
        CertificateID[] ten = new CertificateID[10];
        for (int i = 0; i < ten.length; i++) {
            ten[i] = certificateId(SHA1, PKI.issuing().certificate(), BigInteger.valueOf(5000 + i));
        }
        CertificateID[] eleven = Arrays.copyOf(ten, 11);
        eleven[10] = certificateId(SHA1, PKI.issuing().certificate(), GOOD);

        assertThat(basicResponse(responder.respond(request(null, ten))).getResponses()).hasSize(10);
        assertThat(statusOf(responder.respond(request(null, eleven)))).isEqualTo(OcspResponseStatus.MALFORMED_REQUEST);
    }

    @Test
    void anotherIssuerIsUnauthorized() throws Exception {
        X509CertificateHolder otherIssuer = PKI.root().certificate();
        CertificateID foreign = certificateId(SHA1, otherIssuer, GOOD);
        CertificateID ours = certificateId(SHA1, PKI.issuing().certificate(), GOOD);

        assertThat(statusOf(responder.respond(request(null, foreign)))).isEqualTo(OcspResponseStatus.UNAUTHORIZED);
        assertThat(statusOf(responder.respond(request(null, ours, foreign)))).isEqualTo(OcspResponseStatus.UNAUTHORIZED);
        CertificateID sha384 = certificateId(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha384), PKI.issuing().certificate(), GOOD);
        assertThat(statusOf(responder.respond(request(null, sha384)))).isEqualTo(OcspResponseStatus.UNAUTHORIZED);
    }

    @Test
    void aFailingStatusSourceGivesInternalError() throws Exception {
        OcspResponder broken = new OcspResponder(PKI.ocspSigner(), PKI.issuing().certificate(), serial -> {
            throw new IllegalStateException("database down");
        }, new MutableClock(NOW), Duration.ofHours(1));

        OcspResult result = broken.answer(request(null, certificateId(SHA1, PKI.issuing().certificate(), GOOD)));

        assertThat(result.status()).isEqualTo(OcspResponseStatus.INTERNAL_ERROR);
        assertThat(new OCSPResp(result.der()).getStatus()).isEqualTo(2);
    }

    @Test
    void theCaMaySignItsOwnResponsesWithoutCerts() throws Exception {
        OcspResponder caResponder = new OcspResponder(PKI.issuing(), PKI.issuing().certificate(), statuses,
                new MutableClock(NOW), Duration.ofHours(1));

        BasicOCSPResp basic = basicResponse(caResponder.respond(request(null, certificateId(SHA1, PKI.issuing().certificate(), GOOD))));

        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(PKI.issuing().certificate()))).isTrue();
        assertThat(basic.getCerts()).isEmpty();
    }

    @Test
    void refusesADelegatedResponderWithoutOcspSigningOrFromAnotherIssuer() {
        X509CertificateHolder holderCertificate = PKI.issueLeaf("Not A Responder");
        assertThatThrownBy(() -> new OcspResponder(new fr.cartesagents.ca.authority.CaSigner(holderCertificate,
                PKI.ocspSigner().token(), "ocsp"), PKI.issuing().certificate(), statuses, new MutableClock(NOW), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id-kp-OCSPSigning");
        assertThatThrownBy(() -> new OcspResponder(PKI.ocspSigner(), PKI.root().certificate(), statuses,
                new MutableClock(NOW), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not issued by");
    }

    static OcspResponseStatus statusOf(byte[] der) throws Exception {
        int code = new OCSPResp(der).getStatus();
        return Arrays.stream(OcspResponseStatus.values()).filter(s -> s.code() == code).findFirst().orElseThrow();
    }

    static BasicOCSPResp basicResponse(byte[] der) throws Exception {
        OCSPResp response = new OCSPResp(der);
        assertThat(response.getStatus()).isZero();
        return (BasicOCSPResp) response.getResponseObject();
    }

    static SingleResp singleResponse(byte[] der) throws Exception {
        SingleResp[] responses = basicResponse(der).getResponses();
        assertThat(responses).hasSize(1);
        return responses[0];
    }
}
