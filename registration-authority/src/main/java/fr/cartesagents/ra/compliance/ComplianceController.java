package fr.cartesagents.ra.compliance;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.idempotency.IdempotentRequest;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.web.ApiEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The security questionnaire (Guide SSI) of a commune and the findings of its audits. */
@RestController
@Tag(name = "Compliance", description = "Guide SSI questionnaire, audit findings, trust-role suspension")
class ComplianceController {

    static final String BASE = "/api/v1/collectivities/{id}";

    private final ComplianceService compliance;
    private final AccessPolicy policy;
    private final ApiEndpoints web;

    ComplianceController(ComplianceService compliance, AccessPolicy policy, ApiEndpoints web) {
        this.compliance = compliance;
        this.policy = policy;
        this.web = web;
    }

    @Operation(summary = "The Guide SSI questionnaire of a commune: the 9 measures, their control points, the answers and the status")
    @GetMapping(path = BASE + "/questionnaire", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<QuestionnaireView>> questionnaire(Actor actor, @PathVariable UUID id) {
        return ApiEndpoints.tagged(compliance.questionnaire(actor, id));
    }

    @Operation(summary = "Answer control points of the questionnaire (the mayor or a delegate; If-Match)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = QuestionnaireAnswers.class))))
    @PutMapping(path = BASE + "/questionnaire", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<QuestionnaireView>> answer(Actor actor, @PathVariable UUID id,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @RequestBody(required = false) String body) {
        return ApiEndpoints.tagged(compliance.answer(actor, id, web.change(ifMatch, body, QuestionnaireAnswers.class)));
    }

    @Operation(summary = "The audit findings of a collectivity")
    @GetMapping(path = BASE + "/findings", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<FindingView> findings(Actor actor, @PathVariable UUID id) {
        return compliance.findings(actor, id);
    }

    @Operation(summary = "Record an audit finding; a major one suspends the trust roles (national administrators; Idempotency-Key)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = NewFinding.class))))
    @PostMapping(path = BASE + "/findings", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> record(Actor actor, @PathVariable UUID id,
                                        @RequestHeader(name = IdempotentRequest.HEADER, required = false) String key,
                                        @RequestBody(required = false) String body) {
        String path = "/api/v1/collectivities/" + id + "/findings";
        return web.create(actor.auditName(), key, path, policy.requireEverywhere(actor, Permission.ADMINISTER)
                        .then(policy.require(actor, Permission.ADMINISTER, id)), body, NewFinding.class,
                finding -> compliance.recordFinding(actor, id, finding));
    }

    @Operation(summary = "Close a finding; closing the last open major one lifts the suspension (national administrators; If-Match)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = FindingClosure.class))))
    @PostMapping(path = BASE + "/findings/{findingId}/closure", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<FindingView>> close(Actor actor, @PathVariable UUID id, @PathVariable UUID findingId,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @RequestBody(required = false) String body) {
        return ApiEndpoints.tagged(compliance.closeFinding(actor, id, findingId, web.change(ifMatch, body, FindingClosure.class)));
    }
}
