package fr.cartesagents.ra.habilitation;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.web.EntityVersion;
import fr.cartesagents.ra.idempotency.IdempotencyKeys;
import fr.cartesagents.ra.idempotency.IdempotentRequest;
import fr.cartesagents.ra.idempotency.StoredResponse;
import fr.cartesagents.ra.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** National administrators register, list, disable and re-enable the relying applications. */
@RestController
@Tag(name = "Relying applications", description = "Applications allowed to ask habilitation checks (national administrators)")
class RelyingApplicationController {

    static final String BASE = "/api/v1/admin/relying-applications";

    private final RelyingApplicationService applications;
    private final IdempotencyKeys idempotency;
    private final JsonMapper json;

    RelyingApplicationController(RelyingApplicationService applications, IdempotencyKeys idempotency, JsonMapper json) {
        this.applications = applications;
        this.idempotency = idempotency;
        this.json = json;
    }

    @Operation(summary = "Register a relying application by its TLS client certificate (Idempotency-Key required)")
    @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> register(Actor actor, @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key,
                                          @Valid @RequestBody RegisterRelyingApplicationRequest request) {
        IdempotentRequest idempotent = IdempotentRequest.of(actor.auditName(), key, "POST", BASE, json.writeValueAsString(request));
        return idempotency.execute(idempotent, applications.register(actor, request)
                        .map(registered -> StoredResponse.fresh(HttpStatus.CREATED.value(), json.writeValueAsString(registered))))
                .map(stored -> {
                    RelyingApplication view = json.readValue(stored.jsonBody(), RelyingApplication.class);
                    ResponseEntity.BodyBuilder response = ResponseEntity.status(stored.status()).contentType(MediaType.APPLICATION_JSON)
                            .eTag(new EntityVersion(view.version()).etag()).location(URI.create(BASE + "/" + view.id()));
                    if (stored.replayed()) {
                        response.header("Idempotent-Replayed", "true");
                    }
                    return response.body(stored.jsonBody());
                });
    }

    @Operation(summary = "The registered relying applications")
    @GetMapping(path = BASE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<RelyingApplication>> list(Actor actor) {
        return applications.list(actor).collectList();
    }

    @Operation(summary = "One relying application (ETag = version)")
    @GetMapping(path = BASE + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RelyingApplication>> read(Actor actor, @PathVariable UUID id) {
        return applications.read(actor, id).map(RelyingApplicationController::withTag);
    }

    @Operation(summary = "Disable a relying application: its checks are refused from now on (If-Match required)")
    @PostMapping(path = BASE + "/{id}/disable", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RelyingApplication>> disable(Actor actor, @PathVariable UUID id,
                                                     @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return applications.changeStatus(actor, id, ifMatch, RelyingApplicationStatus.DISABLED)
                .map(RelyingApplicationController::withTag);
    }

    @Operation(summary = "Enable a disabled relying application again (If-Match required)")
    @PostMapping(path = BASE + "/{id}/enable", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RelyingApplication>> enable(Actor actor, @PathVariable UUID id,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return applications.changeStatus(actor, id, ifMatch, RelyingApplicationStatus.ENABLED)
                .map(RelyingApplicationController::withTag);
    }

    private static ResponseEntity<RelyingApplication> withTag(RelyingApplication application) {
        return ResponseEntity.ok().eTag(new EntityVersion(application.version()).etag()).body(application);
    }
}
