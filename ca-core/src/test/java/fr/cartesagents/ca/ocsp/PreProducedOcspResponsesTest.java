package fr.cartesagents.ca.ocsp;

import static fr.cartesagents.ca.revocation.fixture.TestOcspRequests.SHA1;
import static fr.cartesagents.ca.revocation.fixture.TestOcspRequests.SHA256;
import static fr.cartesagents.ca.revocation.fixture.TestOcspRequests.certificateId;
import static fr.cartesagents.ca.revocation.fixture.TestOcspRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.Test;

import fr.cartesagents.ca.revocation.fixture.InMemoryStatusSource;
import fr.cartesagents.ca.revocation.fixture.MutableClock;
import fr.cartesagents.ca.revocation.fixture.TestPki;
import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ca.status.CertificateStatusSource;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.token.KeySpec;

class PreProducedOcspResponsesTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration VALIDITY = Duration.ofHours(1);
    private static final Duration MARGIN = Duration.ofMinutes(15);
    private static final TestPki PKI = TestPki.create(KeySpec.EC_P256);
    private static final BigInteger SERIAL = BigInteger.valueOf(0x2001);
    private static final BigInteger OTHER_SERIAL = BigInteger.valueOf(0x2002);
    private static final CertificateStatus.Revoked REVOKED = new CertificateStatus.Revoked(START.minusSeconds(3600),
            RevocationReason.KEY_COMPROMISE, Optional.empty());

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryStatusSource statuses = new InMemoryStatusSource()
            .set(SERIAL, CertificateStatus.good())
            .set(OTHER_SERIAL, CertificateStatus.good());
    private final PreProducedOcspResponses cache = cacheOver(statuses, 100);

    @Test
    void aRequestWithoutNonceIsServedFromTheCache() throws Exception {
        byte[] first = cache.respond(request(null, id(SHA1, SERIAL))).der();
        clock.advance(Duration.ofMinutes(10));

        OcspResult second = cache.respond(request(null, id(SHA1, SERIAL)));

        assertThat(second.der()).isEqualTo(first);
        assertThat(second.producedAt()).contains(START);
        assertThat(second.maxAge(clock.instant())).isEqualTo(Duration.ofMinutes(50));
        assertThat(statuses.lookups()).as("the second answer did not ask for the status").isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.lookup(new OcspRequestInfo(java.util.List.of(id(SHA1, SERIAL)), Optional.empty()))).isPresent()
                .get().isEqualTo(first);
    }

    @Test
    void keptUntilNamesTheRefreshPointOfTheKeptResponseOnly() throws Exception {
        OcspResponder responder = responderOver(statuses);
        OcspRequestInfo request = responder.parse(request(null, id(SHA1, SERIAL)));
        OcspResult kept = cache.answer(request);
        OcspResult unknown = cache.answer(responder.parse(request(null, id(SHA1, BigInteger.valueOf(0x7777)))));
        OcspRequestInfo withNonce = responder.parse(request(new byte[16], id(SHA1, SERIAL)));

        assertThat(cache.keptUntil(request, kept)).contains(START.plus(VALIDITY).minus(MARGIN));
        assertThat(cache.keptUntil(request, unknown)).as("not the kept one").isEmpty();
        assertThat(cache.keptUntil(withNonce, cache.answer(withNonce))).isEmpty();

        cache.invalidate(SERIAL);
        assertThat(cache.keptUntil(request, kept)).as("dropped by the invalidation").isEmpty();
    }

    @Test
    void requestsWithANonceOrSeveralCertIdsAreSignedEachTime() throws Exception {
        OcspResponder responder = responderOver(statuses);
        OcspRequestInfo withNonce = responder.parse(request(new byte[16], id(SHA1, SERIAL)));
        OcspRequestInfo twoIds = responder.parse(request(null, id(SHA1, SERIAL), id(SHA1, OTHER_SERIAL)));

        assertThat(cache.lookup(withNonce)).isEmpty();
        assertThat(cache.lookup(twoIds)).isEmpty();
        OcspResult answered = cache.answer(withNonce);
        assertThat(answered.nonceEchoed()).isTrue();
        assertThat(cache.answer(twoIds).successful()).isTrue();
        assertThat(cache.size()).isZero();
    }

    @Test
    void invalidationMakesARevocationVisibleAtOnce() throws Exception {
        cache.respond(request(null, id(SHA1, SERIAL)));
        cache.respond(request(null, id(SHA256, SERIAL)));
        cache.respond(request(null, id(SHA1, OTHER_SERIAL)));
        statuses.set(SERIAL, REVOKED);

        assertThat(OcspResponderTest.singleResponse(cache.respond(request(null, id(SHA1, SERIAL))).der()).getCertStatus())
                .as("still the kept response before invalidation").isNull();

        cache.invalidate(SERIAL);

        assertThat(cache.size()).isEqualTo(1);
        for (var hash : new org.bouncycastle.asn1.x509.AlgorithmIdentifier[] {SHA1, SHA256}) {
            RevokedStatus revoked = (RevokedStatus) OcspResponderTest.singleResponse(
                    cache.respond(request(null, id(hash, SERIAL))).der()).getCertStatus();
            assertThat(revoked.getRevocationTime()).isEqualTo(Date.from(REVOKED.revocationTime()));
        }
        assertThat(OcspResponderTest.singleResponse(cache.respond(request(null, id(SHA1, OTHER_SERIAL))).der()).getCertStatus())
                .isNull();
    }

    @Test
    void aResponseSignedFromAStatusThatChangedMeanwhileIsNotKept() throws Exception {
        // The revocation commits (and invalidates) while the cache is signing from the old status.
        PreProducedOcspResponses[] self = new PreProducedOcspResponses[1];
        boolean[] revokedDuringProduction = {false};
        CertificateStatusSource racing = serial -> {
            CertificateStatus before = statuses.statusOf(serial);
            if (!revokedDuringProduction[0]) {
                revokedDuringProduction[0] = true;
                statuses.set(serial, REVOKED);
                self[0].invalidate(serial);
            }
            return before;
        };
        self[0] = cacheOver(racing, 100);

        OcspResult raced = self[0].respond(request(null, id(SHA1, SERIAL)));
        OcspResult next = self[0].respond(request(null, id(SHA1, SERIAL)));

        assertThat(OcspResponderTest.singleResponse(raced.der()).getCertStatus()).isNull();
        assertThat(OcspResponderTest.singleResponse(next.der()).getCertStatus()).isInstanceOf(RevokedStatus.class);
    }

    @Test
    void refreshReSignsOnlyTheResponsesCloseToExpiry() throws Exception {
        cache.respond(request(null, id(SHA1, SERIAL)));
        clock.advance(Duration.ofMinutes(20));
        cache.respond(request(null, id(SHA1, OTHER_SERIAL)));
        assertThat(cache.nextRefreshDue()).contains(START.plus(VALIDITY).minus(MARGIN));

        clock.advance(Duration.ofMinutes(20)); // 40 min: nothing is within 15 min of expiry
        assertThat(cache.refreshExpiring()).isZero();

        clock.advance(Duration.ofMinutes(6)); // 46 min: the first response expires in 14 min
        assertThat(cache.refreshExpiring()).isEqualTo(1);

        OcspResult refreshed = cache.respond(request(null, id(SHA1, SERIAL)));
        assertThat(refreshed.producedAt()).contains(START.plus(Duration.ofMinutes(46)));
        assertThat(cache.respond(request(null, id(SHA1, OTHER_SERIAL))).producedAt())
                .contains(START.plus(Duration.ofMinutes(20)));
        assertThat(cache.nextRefreshDue()).contains(START.plus(Duration.ofMinutes(20)).plus(VALIDITY).minus(MARGIN));
    }

    @Test
    void aDueResponseIsReSignedOnDemandWhenNoRefreshRan() throws Exception {
        cache.respond(request(null, id(SHA1, SERIAL)));
        clock.advance(VALIDITY.minus(MARGIN));

        assertThat(cache.respond(request(null, id(SHA1, SERIAL))).producedAt()).contains(clock.instant());
    }

    @Test
    void refreshDropsSerialsThatBecameUnknown() throws Exception {
        cache.respond(request(null, id(SHA1, SERIAL)));
        statuses.set(SERIAL, CertificateStatus.unknown());
        clock.advance(VALIDITY);

        assertThat(cache.refreshExpiring()).isZero();
        assertThat(cache.size()).isZero();
    }

    @Test
    void unknownSerialsAreAnsweredButNotKept() throws Exception {
        OcspResult result = cache.respond(request(null, id(SHA1, BigInteger.valueOf(0xDEAD))));

        assertThat(OcspResponderTest.singleResponse(result.der()).getCertStatus()).isInstanceOf(UnknownStatus.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aFullCacheStillAnswers() throws Exception {
        PreProducedOcspResponses small = cacheOver(statuses, 1);
        small.respond(request(null, id(SHA1, SERIAL)));

        OcspResult other = small.respond(request(null, id(SHA1, OTHER_SERIAL)));

        assertThat(other.successful()).isTrue();
        assertThat(small.size()).isEqualTo(1);
    }

    @Test
    void badOrForeignRequestsGetTheResponderErrors() throws Exception {
        assertThat(cache.respond("junk".getBytes()).status()).isEqualTo(OcspResponseStatus.MALFORMED_REQUEST);
        CertificateID foreign = certificateId(SHA1, PKI.root().certificate(), SERIAL);
        assertThat(cache.respond(request(null, foreign)).status()).isEqualTo(OcspResponseStatus.UNAUTHORIZED);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theMarginMustBeShorterThanTheValidity() {
        assertThatThrownBy(() -> new PreProducedOcspResponses(responderOver(statuses), VALIDITY, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than the response validity");
    }

    private PreProducedOcspResponses cacheOver(CertificateStatusSource source, int maxEntries) {
        return new PreProducedOcspResponses(responderOver(source), MARGIN, maxEntries);
    }

    private OcspResponder responderOver(CertificateStatusSource source) {
        return new OcspResponder(PKI.ocspSigner(), PKI.issuing().certificate(), source, clock, VALIDITY);
    }

    private static CertificateID id(org.bouncycastle.asn1.x509.AlgorithmIdentifier hash, BigInteger serial) {
        return certificateId(hash, PKI.issuing().certificate(), serial);
    }
}
