package fr.cartesagents.ra.audit.checkpoint;

import java.io.StringWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ra.audit.AuditEventQuery;
import fr.cartesagents.ra.audit.AuditEventRepository;
import fr.cartesagents.ra.audit.AuditEventView;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.CollectivityScope;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/**
 * The audit trail over the API: search (national administrators and auditors everywhere, a mayor
 * or delegate in their own collectivities), verification of the chain and its signed checkpoints,
 * and the certificate checkpoints are signed with.
 */
@RestController
@Tag(name = "Audit")
class AuditController {

    private final AccessPolicy policy;
    private final AuditEventRepository events;
    private final AuditVerifications verifications;
    private final AuditSigner signer;

    AuditController(AccessPolicy policy, AuditEventRepository events, AuditVerifications verifications, AuditSigner signer) {
        this.policy = policy;
        this.events = events;
        this.verifications = verifications;
        this.signer = signer;
    }

    @Operation(summary = "Search the audit trail, newest first (READ_AUDIT: everywhere for national administrators and"
            + " auditors, own collectivities for mayors and delegates)")
    @GetMapping(path = "/api/v1/audit/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AuditEventView.Page> events(Actor actor,
                                     @RequestParam Optional<UUID> collectivity,
                                     @RequestParam Optional<@Size(max = 200) String> target,
                                     @RequestParam Optional<@Size(max = 100) String> action,
                                     @RequestParam Optional<Instant> from,
                                     @RequestParam Optional<Instant> to,
                                     @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                     @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        Mono<Void> filterAllowed = collectivity.map(id -> policy.require(actor, Permission.READ_AUDIT, id)).orElse(Mono.empty());
        return filterAllowed.then(scopeOf(actor))
                .flatMap(scope -> events.find(new AuditEventQuery(scope, collectivity, target, action, from, to, page, size)));
    }

    @Operation(summary = "Verify the hash chain and every signed checkpoint; says where the trail first breaks"
            + " (national administrators, auditors)")
    @GetMapping(path = "/api/v1/audit/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AuditVerification> verification(Actor actor) {
        return policy.requireEverywhere(actor, Permission.READ_AUDIT).then(verifications.verify());
    }

    @Operation(summary = "The certificate of the audit signing key (PEM), issued by the issuing CA: public")
    @GetMapping(path = "/api/v1/audit/signer-certificate", produces = "application/pem-certificate-chain")
    ResponseEntity<String> signerCertificate() {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(signer.certificate());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/pem-certificate-chain")).body(pem.toString());
    }

    /** Everything for national administrators and auditors; the collectivities of a mayor or delegate; nothing (403) otherwise. */
    private Mono<CollectivityScope> scopeOf(Actor actor) {
        return policy.requireEverywhere(actor, Permission.READ_AUDIT).thenReturn(CollectivityScope.everything())
                .onErrorResume(ProblemException.class, notEverywhere -> {
                    Set<UUID> own = new HashSet<>(actor.scopesOf(Role.MAYOR));
                    own.addAll(actor.scopesOf(Role.DELEGATE));
                    return own.isEmpty()
                            ? Mono.error(ProblemException.localized(ProblemType.FORBIDDEN, "audit.denied"))
                            : Mono.just(CollectivityScope.only(own));
                });
    }
}
