package fr.cartesagents.ra.habilitation;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.web.EntityVersion;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.CertificateFingerprint;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.security.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The relying applications (COMEDEC, ACTES...) that may ask habilitation checks, registered and
 * disabled by national administrators; and the decision of who may ask a check at all.
 */
@Service
record RelyingApplicationService(RelyingApplications applications, AccessPolicy access, AuditTrail audit,
                                 TransactionalOperator transactions, Clock clock) {

    /**
     * Who is asking a habilitation check: a national administrator, or an enabled registered
     * relying application, known by the fingerprint of the TLS client certificate of its own
     * connection; 403 for anybody else. A certificate forwarded by a trusted front, or a bearer
     * token, never stands for a relying application: a front could otherwise act as any of them.
     */
    Mono<CheckCaller> checkCaller(Actor actor, Optional<String> connectionCertificateFingerprint) {
        if (actor.grants().stream().anyMatch(grant -> grant.role() == Role.NATIONAL_ADMINISTRATOR && grant.scope().isEmpty())) {
            return Mono.just(new CheckCaller("national-administrator", Optional.empty()));
        }
        Optional<String> direct = connectionCertificateFingerprint.filter(fingerprint -> actor.connectedDirectly());
        if (direct.isEmpty()) {
            return Mono.error(ProblemException.localized(ProblemType.FORBIDDEN, "habilitation-check.direct-tls-only"));
        }
        return applications.byFingerprint(direct.get())
                .filter(registered -> RelyingApplicationStatus.ENABLED.databaseName().equals(registered.status()))
                .map(registered -> new CheckCaller(registered.name(), Optional.of(registered)))
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.FORBIDDEN,
                        "habilitation-check.caller-not-registered")));
    }

    /** A caller allowed to ask checks; {@code audience} names it in signed statements. */
    record CheckCaller(String audience, Optional<RelyingApplication> relyingApplication) {

        /** 403 unless the caller may ask about {@code application} (a relying application only about its own). */
        void requireMayAskAbout(Application application) {
            if (relyingApplication.isPresent() && !relyingApplication.get().mayAskAbout(application)) {
                throw ProblemException.localized(ProblemType.FORBIDDEN, "habilitation-check.application-not-allowed",
                        application.label());
            }
        }
    }

    /** Runs inside the caller's transaction (the idempotency key's). */
    Mono<RelyingApplication> register(Actor actor, RegisterRelyingApplicationRequest request) {
        String fingerprint = fingerprintOf(request);
        var asked = java.util.stream.IntStream.range(0, request.applications().size())
                .mapToObj(i -> HabilitationService.application("applications[" + i + "]", request.applications().get(i)))
                .map(Application::databaseName).distinct().sorted().toList();
        RelyingApplication registered = new RelyingApplication(UUID.randomUUID(), request.name().strip(), fingerprint, asked,
                RelyingApplicationStatus.ENABLED.databaseName(), clock.instant().truncatedTo(ChronoUnit.MICROS), actor.auditName(), 0);
        return access.requireEverywhere(actor, Permission.ADMINISTER)
                .then(applications.insert(registered))
                .onErrorMap(DataIntegrityViolationException.class,
                        duplicate -> ProblemException.localized(ProblemType.DUPLICATE, "relying-application.duplicate"))
                .then(audit.append(AuditEntry.by(actor, Optional.empty(), RelyingApplicationEvent.REGISTERED,
                        RelyingApplicationEvent.target(registered.id()), Map.of("name", registered.name(), "fingerprint", fingerprint,
                                "applications", String.join(",", asked)))))
                .thenReturn(registered);
    }

    /** Only national administrators register and move relying applications. */
    Mono<Void> requireAdministrator(Actor actor) {
        return access.requireEverywhere(actor, Permission.ADMINISTER);
    }

    /** Authorizes first: If-Match is read only for a national administrator. */
    Mono<RelyingApplication> changeStatus(Actor actor, UUID id, Mono<EntityVersion> ifMatch, RelyingApplicationStatus.Action action) {
        return transactions.transactional(requireAdministrator(actor)
                .then(ifMatch)
                .flatMap(expected -> find(id).flatMap(current -> {
                    RelyingApplicationStatus next = RelyingApplicationStatus.LIFECYCLE.next(action,
                            RelyingApplicationStatus.fromDatabaseName(current.status()));
                    return applications.changeStatus(id, expected.version(), action)
                            .filter(updated -> updated == 1)
                            .switchIfEmpty(Mono.error(() -> EntityVersion.stale(expected.version(), current.version())))
                            .then(audit.append(AuditEntry.by(actor, Optional.empty(), RelyingApplicationEvent.of(next),
                                    RelyingApplicationEvent.target(id), Map.of("name", current.name()))))
                            .then(applications.find(id));
                })));
    }

    Mono<RelyingApplication> read(Actor actor, UUID id) {
        return access.requireEverywhere(actor, Permission.ADMINISTER).then(find(id));
    }

    Flux<RelyingApplication> list(Actor actor) {
        return access.requireEverywhere(actor, Permission.ADMINISTER).thenMany(applications.all());
    }

    private Mono<RelyingApplication> find(UUID id) {
        return applications.find(id).switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND,
                "relying-application.not-found", id.toString())));
    }

    private static String fingerprintOf(RegisterRelyingApplicationRequest request) {
        boolean pem = request.certificate() != null && !request.certificate().isBlank();
        boolean given = request.fingerprintSha256() != null && !request.fingerprintSha256().isBlank();
        if (pem == given) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "relying-application.source-missing");
        }
        if (given) {
            try {
                return CertificateFingerprint.normalize(request.fingerprintSha256());
            } catch (IllegalArgumentException e) {
                throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "relying-application.fingerprint-malformed");
            }
        }
        try {
            return CertificateFingerprint.sha256(PemCertificate.parse(request.certificate()).getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "habilitation-check.certificate-unreadable");
        }
    }
}
