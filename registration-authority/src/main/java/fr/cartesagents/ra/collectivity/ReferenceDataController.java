package fr.cartesagents.ra.collectivity;

import java.util.Map;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Uploads of the official reference data ({@code communes.json}, {@code epci.json} of
 * {@code @etalab/decoupage-administratif}), read as a stream: national administrators only. The
 * import is an upsert, so a retried upload changes nothing; no Idempotency-Key is needed.
 */
@RestController
@Tag(name = "Reference data")
record ReferenceDataController(ReferenceDataImport imports, AccessPolicy policy) {

    static final String BASE = "/api/v1/admin/reference-data";

    @Operation(summary = "Upsert the communes of communes.json (current communes only), streamed")
    @PostMapping(path = BASE + "/communes", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ImportReport> communes(Actor actor, @RequestBody Flux<CommuneEntry> entries) {
        return policy.requireEverywhere(actor, Permission.ADMINISTER)
                .then(Mono.defer(() -> imports.importCommunes(entries, (action, details) -> entry(actor, action, details))));
    }

    @Operation(summary = "Upsert the EPCI of epci.json and their member communes, streamed")
    @PostMapping(path = BASE + "/epcis", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ImportReport> epcis(Actor actor, @RequestBody Flux<EpciEntry> entries) {
        return policy.requireEverywhere(actor, Permission.ADMINISTER)
                .then(Mono.defer(() -> imports.importEpcis(entries, (action, details) -> entry(actor, action, details))));
    }

    private static AuditEntry entry(Actor actor, String action, Map<String, String> details) {
        return AuditEntry.by(actor, Optional.empty(), action, "reference-data:upload", details);
    }
}
