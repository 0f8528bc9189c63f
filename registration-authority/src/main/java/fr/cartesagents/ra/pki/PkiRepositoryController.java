package fr.cartesagents.ra.pki;

import java.time.Clock;
import java.util.List;

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
 * conditional GET gets a 304 and a front cache can carry most of the load. Exact GETs of the
 * plain-HTTP listener are answered before WebFlux by {@link PkiRepositoryRoute}, with the same
 * headers ({@link RepositoryAnswer}); these mappings answer the other spellings, and HEAD.
 */
@RestController
class PkiRepositoryController {

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
                .map(ca -> PkiRepositoryRoute.caAnswer(ca).entity(clock.instant()))
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
                .map(crl -> PkiRepositoryRoute.crlAnswer(crl).entity(clock.instant()))
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND,
                        delta ? "pki.delta-crl-unpublished" : "pki.crl-unpublished", caId)));
    }
}
