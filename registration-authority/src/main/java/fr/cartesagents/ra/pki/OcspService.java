package fr.cartesagents.ra.pki;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import fr.cartesagents.ca.ocsp.MalformedOcspRequestException;
import fr.cartesagents.ca.ocsp.OcspRequestInfo;
import fr.cartesagents.ca.ocsp.OcspResponder;
import fr.cartesagents.ca.ocsp.OcspResult;
import fr.cartesagents.ra.certificate.CertificateRecord;
import fr.cartesagents.ra.certificate.CertificateRecords;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Answers OCSP requests for the issuing CA. Requests of the RFC 5019 shape (one certificate, no
 * nonce) are served from responses produced earlier while they are fresh, so that the common case
 * costs no signature; a revocation drops the serial's response at once ({@link #invalidate}), and
 * a response signed from a status read before a revocation is never kept.
 */
public class OcspService {

    private final OcspResponder responder;
    private final PrefetchedStatuses statuses;
    private final CertificateRecords certificates;
    private final Clock clock;
    private final Duration refreshAfter;
    private final Map<BigInteger, OcspResult> preProduced = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a response whose statuses were read before it is not cached. */
    private final AtomicLong invalidations = new AtomicLong();

    OcspService(OcspResponder responder, PrefetchedStatuses statuses, CertificateRecords certificates, Clock clock) {
        this.responder = responder;
        this.statuses = statuses;
        this.certificates = certificates;
        this.clock = clock;
        this.refreshAfter = responder.validity().dividedBy(2);
    }

    public Mono<OcspResult> respond(byte[] requestDer) {
        OcspRequestInfo request;
        try {
            request = responder.parse(requestDer);
        } catch (MalformedOcspRequestException e) {
            return Mono.just(responder.answer(requestDer));
        }
        if (request.canUsePreProducedResponse()) {
            OcspResult cached = preProduced.get(request.serialNumbers().get(0));
            if (cached != null && isFresh(cached)) {
                return Mono.just(cached);
            }
        }
        if (!responder.isAuthoritativeFor(request)) {
            return sign(request, Map.of());
        }
        long generation = invalidations.get();
        return certificates.findAll(CaIds.ISSUING, request.serialNumbers())
                .collect(Collectors.toMap(CertificateRecord::serial, CertificateRecord::ocspStatus))
                .flatMap(known -> sign(request, known))
                .doOnNext(result -> {
                    if (request.canUsePreProducedResponse() && result.cacheable() && invalidations.get() == generation) {
                        preProduced.put(request.serialNumbers().get(0), result);
                    }
                });
    }

    /** Drops what was produced for {@code serial}: the next request reads its status again. */
    public void invalidate(BigInteger serial) {
        invalidations.incrementAndGet();
        preProduced.remove(serial);
    }

    private Mono<OcspResult> sign(OcspRequestInfo request, Map<BigInteger, fr.cartesagents.ca.status.CertificateStatus> known) {
        return Mono.fromCallable(() -> statuses.with(known, () -> responder.answer(request)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private boolean isFresh(OcspResult result) {
        Instant now = clock.instant();
        return result.thisUpdate().map(thisUpdate -> now.isBefore(thisUpdate.plus(refreshAfter))).orElse(false)
                && result.nextUpdate().map(now::isBefore).orElse(false);
    }
}
