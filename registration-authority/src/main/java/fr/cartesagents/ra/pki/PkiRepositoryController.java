package fr.cartesagents.ra.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import reactor.core.publisher.Mono;

/**
 * The PKI repository relying parties read over plain HTTP: the CA certificates and the CRLs
 * (RFC 5280 section 4.2.1.13 and 4.2.2.1 name these URLs in every certificate), served from
 * {@link PkiRepositoryMemory} (no database read per request) with ETag and Last-Modified, so that a
 * conditional GET gets a 304 and a front cache can carry most of the load.
 */
@RestController
class PkiRepositoryController {

    static final MediaType PKIX_CERT = MediaType.parseMediaType("application/pkix-cert");
    static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");
    /** CRLs change at once on revocation: caches may keep one this long at most. */
    private static final Duration CRL_MAX_AGE = Duration.ofMinutes(5);

    private static final Duration CA_MAX_AGE = Duration.ofHours(1);

    private final PkiRepositoryMemory memory;
    private final Clock clock;

    PkiRepositoryController(PkiRepositoryMemory memory, Clock clock) {
        this.memory = memory;
        this.clock = clock;
    }

    record CaSummary(String id, String subject, String role) {
    }

    @GetMapping(path = "/pki/ca", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<CaSummary>> list() {
        return Mono.just(memory.cas().stream().map(ca -> new CaSummary(ca.id(), ca.subject(), ca.role())).toList());
    }

    @GetMapping("/pki/ca/{caId}.crt")
    Mono<ResponseEntity<byte[]>> certificate(@PathVariable String caId) {
        return Mono.justOrEmpty(memory.ca(caId))
                .map(ca -> ResponseEntity.ok().contentType(PKIX_CERT).cacheControl(CacheControl.maxAge(CA_MAX_AGE).cachePublic())
                        .eTag("\"" + ca.id() + "-" + ca.fingerprint().substring(0, 16) + "\"")
                        .body(ca.certificate()))
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND, "pki.ca-unknown", caId)));
    }

    @GetMapping("/pki/crl/{caId}.crl")
    Mono<ResponseEntity<byte[]>> fullCrl(@PathVariable String caId) {
        return crl(caId, false);
    }

    @GetMapping("/pki/crl/{caId}/delta.crl")
    Mono<ResponseEntity<byte[]>> deltaCrl(@PathVariable String caId) {
        return crl(caId, true);
    }

    private Mono<ResponseEntity<byte[]>> crl(String caId, boolean delta) {
        return Mono.justOrEmpty(memory.latestCrl(caId, delta))
                .map(crl -> {
                    Instant now = clock.instant();
                    Duration untilNextUpdate = Duration.between(now, crl.nextUpdate());
                    Duration maxAge = untilNextUpdate.isNegative() ? Duration.ZERO
                            : untilNextUpdate.compareTo(CRL_MAX_AGE) < 0 ? untilNextUpdate : CRL_MAX_AGE;
                    return ResponseEntity.ok().contentType(PKIX_CRL)
                            .cacheControl(CacheControl.maxAge(maxAge).cachePublic().noTransform())
                            .lastModified(crl.thisUpdate())
                            .eTag("\"" + caId + (delta ? "-delta-" : "-") + crl.number() + "\"")
                            .body(crl.der());
                })
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND,
                        delta ? "pki.delta-crl-unpublished" : "pki.crl-unpublished", caId)));
    }
}
