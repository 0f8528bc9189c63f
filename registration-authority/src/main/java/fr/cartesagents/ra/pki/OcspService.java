package fr.cartesagents.ra.pki;

import fr.cartesagents.ra.certificate.CaIds;
import java.math.BigInteger;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.cartesagents.ca.ocsp.MalformedOcspRequestException;
import fr.cartesagents.ca.ocsp.OcspRequestInfo;
import fr.cartesagents.ca.ocsp.OcspResponder;
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

    OcspService(OcspResponder responder, PrefetchedStatuses statuses, CertificateRecords certificates,
                PreProducedOcspResponses preProduced, DatabaseAvailability availability) {
        this.responder = responder;
        this.statuses = statuses;
        this.certificates = certificates;
        this.preProduced = preProduced;
        this.availability = availability;
    }

    /**
     * Always an OCSP response, never an error: what the database cannot tell in time is
     * {@code tryLater}, anything unexpected {@code internalError} (both DER, as OCSP clients expect).
     */
    public Mono<OcspResult> respond(byte[] requestDer) {
        return Mono.defer(() -> answer(requestDer))
                .onErrorResume(error -> {
                    if (DatabaseFailures.isUnavailable(error)) {
                        return Mono.just(responder.tryLater());
                    }
                    LOG.error("OCSP request failed; answering internalError", error);
                    return Mono.just(responder.internalError());
                });
    }

    private Mono<OcspResult> answer(byte[] requestDer) {
        OcspRequestInfo request;
        try {
            request = responder.parse(requestDer);
        } catch (MalformedOcspRequestException e) {
            return Mono.just(responder.answer(requestDer));
        }
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
        preProduced.invalidate(serial);
    }

    /** Re-signs the kept responses that are due (off the request path); the number re-signed. */
    int refreshExpiring() {
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
