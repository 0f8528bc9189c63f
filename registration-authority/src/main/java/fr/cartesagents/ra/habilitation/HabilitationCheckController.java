package fr.cartesagents.ra.habilitation;

import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.CallerPrincipal;
import fr.cartesagents.ra.web.JsonBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * The habilitation check of relying applications (mutual TLS with a registered client certificate)
 * and national administrators: as a plain answer, or as a signed statement to verify offline.
 * Both only read; no Idempotency-Key. The caller is authorized before its body is even read.
 */
@RestController
@Tag(name = "Habilitation checks", description = "Whether a certificate holder holds a habilitation now (relying applications)")
record HabilitationCheckController(RelyingApplicationService callers, HabilitationChecker checker,
                                   HabilitationStatements statements) {

    @Operation(summary = "Does the holder of this certificate hold the habilitation now, where and at which level?")
    @PostMapping(path = "/api/v1/habilitation-checks", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<HabilitationAnswer> check(Actor actor, @AuthenticationPrincipal CallerPrincipal caller,
                                   JsonBody<HabilitationCheckRequest> body) {
        return answer(actor, caller, body).map(Asked::answer);
    }

    @Operation(summary = "The same answer as a JWS (ES256, compact) valid a few minutes, verifiable with /pki/habilitation-keys.json")
    @PostMapping(path = "/api/v1/habilitation-statements", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<HabilitationStatements.Statement> statement(Actor actor, @AuthenticationPrincipal CallerPrincipal caller,
                                                     JsonBody<HabilitationCheckRequest> body) {
        return answer(actor, caller, body).map(asked -> statements.sign(asked.answer(), asked.audience()));
    }

    private Mono<Asked> answer(Actor actor, CallerPrincipal caller, JsonBody<HabilitationCheckRequest> body) {
        // caller is null for a demo bearer token
        return callers.checkCaller(actor, Optional.ofNullable(caller).map(CallerPrincipal::fingerprintSha256))
                .flatMap(checkCaller -> body.value()
                        .flatMap(request -> {
                            Application application = HabilitationService.application("application", request.application());
                            checkCaller.requireMayAskAbout(application);
                            return checker.check(HolderReference.of(request), application)
                                    .map(answer -> new Asked(checkCaller.audience(), answer));
                        }));
    }

    private record Asked(String audience, HabilitationAnswer answer) {
    }
}
