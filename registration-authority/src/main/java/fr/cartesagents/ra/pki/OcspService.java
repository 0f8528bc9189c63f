package fr.cartesagents.ra.pki;

import fr.cartesagents.ra.certificate.CaIds;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.cartesagents.ca.ocsp.MalformedOcspRequestException;
import fr.cartesagents.ca.ocsp.OcspRequestInfo;
import fr.cartesagents.ca.ocsp.OcspResponder;
import fr.cartesagents.ca.ocsp.OcspResponseStatus;
import fr.cartesagents.ca.ocsp.OcspResult;
import fr.cartesagents.ca.ocsp.PreProducedOcspResponses;
import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ra.certificate.CertificateRecord;
import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.database.DatabaseAvailability;
import fr.cartesagents.ra.database.DatabaseFailures;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Answers OCSP requests for the issuing CA. Requests of the RFC 5019 shape (one certificate, no
 * nonce) for this issuer are served by ca-core's {@link PreProducedOcspResponses} (kept per serial and
 * CertID hash algorithm, bounded, unknown serials never kept); the others are signed on the fly.
 * Signing and status reads that may block run on the bounded-elastic scheduler. During a database
 * outage the pre-produced responses keep being served from memory; requests that need the database
 * (a nonce, a serial not yet pre-produced) get {@code tryLater}.
 */
public class OcspService {

    private static final Logger LOG = LoggerFactory.getLogger(OcspService.class);

    private final OcspResponder responder;
    private final PrefetchedStatuses statuses;
    private final CertificateRecords certificates;
    private final PreProducedOcspResponses preProduced;
    private final DatabaseAvailability availability;
    private final Clock clock;
    private final int maxKeptGets;
    /** HTTP forms of pre-produced answers by GET path segment; see {@link #respondToGet(String)}. */
    private final Map<String, KeptGet> keptGets = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: an answer produced across an invalidation is not kept. */
    private final AtomicLong getInvalidations = new AtomicLong();

    private record KeptGet(GetAnswer answer, BigInteger serial, Instant refreshAt) {
    }

    /** An answer to a GET in its HTTP form, with its OCSP status for the metrics. */
    record GetAnswer(OcspResponseStatus status, RepositoryAnswer http) {
        static GetAnswer of(OcspResult result) {
            return new GetAnswer(result.status(), httpForm(result));
        }
    }

    OcspService(OcspResponder responder, PrefetchedStatuses statuses, CertificateRecords certificates,
                PreProducedOcspResponses preProduced, DatabaseAvailability availability, Clock clock,
                int maxKeptGets) {
        this.responder = responder;
        this.statuses = statuses;
        this.certificates = certificates;
        this.preProduced = preProduced;
        this.availability = availability;
        this.clock = clock;
        this.maxKeptGets = maxKeptGets;
    }

    /**
     * Always an OCSP response, never an error: what the database cannot tell in time is
     * {@code tryLater}, anything unexpected {@code internalError} (both DER, as OCSP clients expect).
     */
    public Mono<OcspResult> respond(byte[] requestDer) {
        return Mono.defer(() -> answer(requestDer))
                .onErrorResume(error -> Mono.just(failed(error)));
    }

    /**
     * The answer to a GET whose last path segment is {@code encoded}: the HTTP form kept for that
     * exact segment when there is one, else {@link #respond(byte[])}'s answer, whose HTTP form is
     * then kept for the segment if ca-core keeps the response (a known serial, no nonce), until its
     * refresh point. A relying party asks about the same certificate with the same bytes again and
     * again: the repeat costs a map lookup, no base64, no ASN.1 parsing, no SHA-256 for the ETag.
     */
    Mono<GetAnswer> respondToGet(String encoded) {
        GetAnswer kept = keptAnswer(encoded, clock.instant());
        if (kept != null) {
            return Mono.just(kept);
        }
        byte[] requestDer = OcspController.decode(encoded);
        long invalidationsBefore = getInvalidations.get();
        return Mono.defer(() -> {
                    OcspRequestInfo request;
                    try {
                        request = responder.parse(requestDer);
                    } catch (MalformedOcspRequestException e) {
                        return Mono.just(GetAnswer.of(responder.answer(requestDer)));
                    }
                    return answer(request).map(result -> keep(encoded, request, result, invalidationsBefore));
                })
                .onErrorResume(error -> Mono.just(GetAnswer.of(failed(error))));
    }

    /**
     * The HTTP form kept for the GET path segment {@code encoded} while it is before its refresh point,
     * else null: what {@link PkiRepositoryRoute} writes at once, without a reactive chain, for the
     * repeated requests that make most of the load.
     */
    GetAnswer keptAnswer(String encoded, Instant now) {
        KeptGet kept = keptGets.get(encoded);
        return kept != null && now.isBefore(kept.refreshAt()) ? kept.answer() : null;
    }

    private GetAnswer keep(String encoded, OcspRequestInfo request, OcspResult result, long invalidationsBefore) {
        GetAnswer answer = GetAnswer.of(result);
        preProduced.keptUntil(request, result).ifPresent(refreshAt -> keptGets.compute(encoded, (path, old) -> {
            if (getInvalidations.get() != invalidationsBefore) {
                return old; // the status may have changed while we answered: the next request asks again
            }
            return old != null || keptGets.size() < maxKeptGets
                    ? new KeptGet(answer, request.serialNumbers().get(0), refreshAt) : null;
        }));
        return answer;
    }

    /** The HTTP form of an OCSP answer (RFC 5019 section 6.2 headers when it may be cached). */
    static RepositoryAnswer httpForm(OcspResult result) {
        if (!result.cacheable()) {
            return new RepositoryAnswer(result.der(), RepositoryAnswer.OCSP_RESPONSE, null, null, null, null, null);
        }
        return new RepositoryAnswer(result.der(), RepositoryAnswer.OCSP_RESPONSE, result.entityTag(),
                result.producedAt().orElseThrow(), result.nextUpdate().orElseThrow(), null,
                ", must-revalidate, no-transform, public");
    }

    private OcspResult failed(Throwable error) {
        if (DatabaseFailures.isUnavailable(error)) {
            return responder.tryLater();
        }
        LOG.error("OCSP request failed; answering internalError", error);
        return responder.internalError();
    }

    private Mono<OcspResult> answer(byte[] requestDer) {
        OcspRequestInfo request;
        try {
            request = responder.parse(requestDer);
        } catch (MalformedOcspRequestException e) {
            return Mono.just(responder.answer(requestDer));
        }
        return answer(request);
    }

    private Mono<OcspResult> answer(OcspRequestInfo request) {
        if (!responder.isAuthoritativeFor(request)) {
            return sign(request, Map.of());
        }
        if (request.canUsePreProducedResponse()) {
            // A kept response costs no database read; a missing or due one reads its status (blocking) and signs.
            return Mono.fromCallable(() -> preProduced.answer(request)).subscribeOn(Schedulers.boundedElastic());
        }
        if (!availability.isUp()) {
            // A nonce asks for a fresh answer, which needs the database: none can be given now.
            return Mono.just(responder.tryLater());
        }
        return certificates.findAll(CaIds.ISSUING, request.serialNumbers())
                .collect(Collectors.toMap(CertificateRecord::serial, CertificateRecord::ocspStatus))
                .timeout(PrefetchedStatuses.READ_TIMEOUT)
                .flatMap(known -> sign(request, known));
    }

    /** Drops what was kept for {@code serial}; call it once the status change is committed. */
    public void invalidate(BigInteger serial) {
        getInvalidations.incrementAndGet();
        preProduced.invalidate(serial);
        keptGets.values().removeIf(kept -> kept.serial().equals(serial));
    }

    /** Re-signs the kept responses that are due (off the request path); the number re-signed. */
    int refreshExpiring() {
        Instant now = clock.instant();
        keptGets.values().removeIf(kept -> !now.isBefore(kept.refreshAt()));
        return preProduced.refreshExpiring();
    }

    /** How many responses this instance keeps. */
    int preProducedCount() {
        return preProduced.size();
    }

    private Mono<OcspResult> sign(OcspRequestInfo request, Map<BigInteger, CertificateStatus> known) {
        return Mono.fromCallable(() -> statuses.with(known, () -> responder.answer(request)))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
