package fr.cartesagents.ra.certificate;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.CallerPrincipal;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.IdempotentBody;
import reactor.core.publisher.Mono;

/** The administrators' certificate API (HTTPS, administrator client certificate). */
@RestController
record CertificateController(CertificateService certificates, ApiEndpoints web) {

    private static final String BASE = "/api/v1/admin/certificates";

    /** Two-phase: the serial is reserved (committed) before the CA key signs, outside the transaction that stores the answer. */
    @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> issue(@AuthenticationPrincipal CallerPrincipal caller, IdempotentBody<IssueCertificateRequest> issuance) {
        return web.body(issuance)
                .flatMap(request -> web.once(caller.fingerprintSha256(), issuance, request,
                        Mono.defer(() -> certificates.reserveAndSign(caller, request)),
                        signed -> certificates.recordIssued(caller, signed, request).map(issued -> CertificateView.of(issued, true)),
                        HttpStatus.CREATED))
                .map(stored -> web.stored(stored, issuance.collection(), "serial"));
    }

    @PostMapping(path = BASE + "/{serial}/revocation", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> revoke(@AuthenticationPrincipal CallerPrincipal caller, @PathVariable String serial,
                                        IdempotentBody<RevocationRequest> revocation) {
        return web.body(revocation)
                .flatMap(request -> web.once(caller.fingerprintSha256(), revocation, request,
                        Mono.defer(() -> certificates.revoke(caller, serial, request)).map(revoked -> CertificateView.of(revoked, false)),
                        HttpStatus.OK))
                // after the idempotent transaction has committed, never inside it
                .doOnSuccess(stored -> certificates.revocationCommitted(serial))
                .map(stored -> web.stored(stored, revocation.collection(), "serial"));
    }

    @GetMapping(path = BASE + "/{serial}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CertificateView> status(@PathVariable String serial) {
        return certificates.find(serial).map(record -> CertificateView.of(record, true));
    }
}
