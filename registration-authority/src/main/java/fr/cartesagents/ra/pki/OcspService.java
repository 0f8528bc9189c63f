package fr.cartesagents.ra.pki;

import fr.cartesagents.ra.certificate.CaIds;
import java.math.BigInteger;
import java.util.Map;
import java.util.stream.Collectors;

import fr.cartesagents.ca.ocsp.MalformedOcspRequestException;
import fr.cartesagents.ca.ocsp.OcspRequestInfo;
import fr.cartesagents.ca.ocsp.OcspResponder;
import fr.cartesagents.ca.ocsp.OcspResult;
import fr.cartesagents.ca.ocsp.PreProducedOcspResponses;
import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ra.certificate.CertificateRecord;
import fr.cartesagents.ra.certificate.CertificateRecords;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Answers OCSP requests for the issuing CA. Requests of the RFC 5019 shape (one certificate, no
 * nonce) for this issuer are served by ca-core's {@link PreProducedOcspResponses} (kept per serial and
 * CertID hash algorithm, bounded, unknown serials never kept); the others are signed on the fly.
 * Signing and status reads that may block run on the bounded-elastic scheduler.
 */
public class OcspService {

    private final OcspResponder responder;
    private final PrefetchedStatuses statuses;
    private final CertificateRecords certificates;
    private final PreProducedOcspResponses preProduced;

    OcspService(OcspResponder responder, PrefetchedStatuses statuses, CertificateRecords certificates,
                PreProducedOcspResponses preProduced) {
        this.responder = responder;
        this.statuses = statuses;
        this.certificates = certificates;
        this.preProduced = preProduced;
    }

    public Mono<OcspResult> respond(byte[] requestDer) {
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
        return certificates.findAll(CaIds.ISSUING, request.serialNumbers())
                .collect(Collectors.toMap(CertificateRecord::serial, CertificateRecord::ocspStatus))
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
