package fr.cartesagents.ra.billing;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.IdempotentBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** Billing statements (JSON or CSV) and reader deliveries of a collectivity (annex 1). */
@RestController
@Tag(name = "Billing", description = "Annex 1 of the CARTES convention: charged cards and reader allotments")
record BillingController(BillingService billing, ApiEndpoints web) {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    @Operation(summary = "The billing statement of a period (from, to: ISO dates, included; default: this year); JSON, or CSV"
            + " with Accept: text/csv")
    @GetMapping(path = "/api/v1/collectivities/{id}/billing", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    Mono<ResponseEntity<?>> statement(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = accept != null && MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.isCompatibleWith(CSV) && !type.isWildcardType());
        return billing.statement(actor, id, from, to).map(statement -> csv
                ? ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"facturation-" + statement.from() + "-" + statement.to() + ".csv\"")
                        .body(BillingCsv.of(statement))
                : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(statement));
    }

    @Operation(summary = "Record card readers handed to the collectivity (registration office), within the annex's allotment;"
            + " Idempotency-Key required")
    @PostMapping(path = "/api/v1/collectivities/{id}/reader-deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> deliverReaders(Actor actor, @PathVariable UUID id, IdempotentBody<ReaderDeliveryRequest> delivery) {
        return web.create(actor.auditName(), delivery, billing.mayDeliverReaders(actor, id),
                request -> billing.deliverReaders(actor, id, request));
    }
}
