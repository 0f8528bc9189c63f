package fr.cartesagents.ra.compliance;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.web.ApiEndpoints;
import fr.cartesagents.ra.web.IdempotentBody;
import fr.cartesagents.ra.web.VersionedBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The security questionnaire (Guide SSI) of a commune and the findings of its audits. */
@RestController
@Tag(name = "Compliance", description = "Guide SSI questionnaire, audit findings, trust-role suspension")
record ComplianceController(ComplianceService compliance, AccessPolicy policy, ApiEndpoints web) {

    static final String BASE = "/api/v1/collectivities/{id}";

    @Operation(summary = "The Guide SSI questionnaire of a commune: the 9 measures, their control points, the answers and the status")
    @GetMapping(path = BASE + "/questionnaire", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<QuestionnaireView>> questionnaire(Actor actor, @PathVariable UUID id) {
        return ApiEndpoints.tagged(compliance.questionnaire(actor, id));
    }

    @Operation(summary = "Answer control points of the questionnaire (the mayor or a delegate; If-Match)")
    @PutMapping(path = BASE + "/questionnaire", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<QuestionnaireView>> answer(Actor actor, @PathVariable UUID id, VersionedBody<QuestionnaireAnswers> change) {
        return ApiEndpoints.tagged(compliance.answer(actor, id, change.command()));
    }

    @Operation(summary = "The audit findings of a collectivity")
    @GetMapping(path = BASE + "/findings", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<FindingView> findings(Actor actor, @PathVariable UUID id) {
        return compliance.findings(actor, id);
    }

    @Operation(summary = "Record an audit finding; a major one suspends the trust roles (national administrators; Idempotency-Key)")
    @PostMapping(path = BASE + "/findings", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> record(Actor actor, @PathVariable UUID id, IdempotentBody<NewFinding> creation) {
        return web.create(actor.auditName(), creation, policy.requireEverywhere(actor, Permission.ADMINISTER)
                .then(policy.require(actor, Permission.ADMINISTER, id)), finding -> compliance.recordFinding(actor, id, finding));
    }

    @Operation(summary = "Close a finding; closing the last open major one lifts the suspension (national administrators; If-Match)")
    @PostMapping(path = BASE + "/findings/{findingId}/closure", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<FindingView>> close(Actor actor, @PathVariable UUID id, @PathVariable UUID findingId, VersionedBody<FindingClosure> change) {
        return ApiEndpoints.tagged(compliance.closeFinding(actor, id, findingId, change.command()));
    }
}
