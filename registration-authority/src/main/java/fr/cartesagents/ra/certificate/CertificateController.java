package fr.cartesagents.ra.certificate;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.idempotency.IdempotencyKeys;
import fr.cartesagents.ra.idempotency.IdempotentRequest;
import fr.cartesagents.ra.idempotency.StoredResponse;
import fr.cartesagents.ra.security.CallerPrincipal;
import fr.cartesagents.ra.web.ApiEndpoints;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The administrators' certificate API (HTTPS, administrator client certificate). */
@RestController
class CertificateController {

    private static final String BASE = "/api/v1/admin/certificates";

    private final CertificateService certificates;
    private final IdempotencyKeys idempotency;
    private final ApiEndpoints web;
    private final JsonMapper json;

    CertificateController(CertificateService certificates, IdempotencyKeys idempotency, ApiEndpoints web, JsonMapper json) {
        this.certificates = certificates;
        this.idempotency = idempotency;
        this.web = web;
        this.json = json;
    }

    /** Two-phase: the serial is reserved (committed) before the CA key signs, outside the transaction that stores the answer. */
    @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> issue(@AuthenticationPrincipal CallerPrincipal caller,
                                       @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key,
                                       @RequestBody IssueCertificateRequest request) {
        IdempotentRequest idempotent = IdempotentRequest.of(caller.fingerprintSha256(), key, "POST", BASE,
                json.writeValueAsString(request));
        return idempotency.execute(idempotent, Mono.defer(() -> certificates.reserveAndSign(caller, request)),
                        signed -> certificates.recordIssued(caller, signed, request)
                                .map(issued -> StoredResponse.fresh(HttpStatus.CREATED.value(),
                                        json.writeValueAsString(CertificateView.of(issued, true)))))
                .map(stored -> web.stored(stored, BASE, "serial"));
    }

    @PostMapping(path = BASE + "/{serial}/revocation", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> revoke(@AuthenticationPrincipal CallerPrincipal caller, @PathVariable String serial,
                                        @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key,
                                        @RequestBody RevocationRequest request) {
        String path = BASE + "/" + serial + "/revocation";
        return web.once(caller.fingerprintSha256(), key, path, request,
                        Mono.defer(() -> certificates.revoke(caller, serial, request)).map(revoked -> CertificateView.of(revoked, false)),
                        HttpStatus.OK)
                // after the idempotent transaction has committed, never inside it
                .doOnSuccess(stored -> certificates.revocationCommitted(serial))
                .map(stored -> web.stored(stored, path, "serial"));
    }

    @GetMapping(path = BASE + "/{serial}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CertificateView> status(@PathVariable String serial) {
        return certificates.find(serial).map(record -> CertificateView.of(record, true));
    }
}
