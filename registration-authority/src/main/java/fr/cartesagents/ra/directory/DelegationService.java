package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.web.VersionedChange;
import fr.cartesagents.ra.web.VersionedUpdates;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The mayor's delegations (e.g. "officier d'état civil délégué"), recorded with their dates and the
 * arrêté's reference by whoever may appoint delegates there. The habilitation rules read them.
 */
@Service
record DelegationService(DelegationRepository delegations, RoleAssignmentRepository roles, AccessPolicy policy,
                         AuditTrail audit, TransactionalOperator transactions, DirectoryCalendar calendar) {

    /** Who may record a delegation; checked before the request body is even decoded. */
    Mono<Void> mayRecord(Actor actor, UUID collectivityId) {
        return policy.require(actor, Permission.APPOINT_DELEGATES, collectivityId);
    }

    /** Must run inside the caller's (idempotency) transaction. */
    Mono<DelegationView> record(Actor actor, UUID collectivityId, DelegationRequest request) {
        return mayRecord(actor, collectivityId)
                .thenReturn(request) // read and validated by the web kit
                .flatMap(valid -> {
                    LocalDate today = calendar.today();
                    LocalDate startsOn = valid.startsOn() == null ? today : valid.startsOn();
                    if (startsOn.isBefore(today)) {
                        return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.starts-in-past",
                                startsOn.toString(), today.toString()));
                    }
                    if (valid.endsOn() != null && valid.endsOn().isBefore(startsOn)) {
                        return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.end-in-past",
                                valid.endsOn().toString(), startsOn.toString()));
                    }
                    return roles.isActiveAgent(valid.personId(), collectivityId, today)
                            .flatMap(member -> member ? delegations.openExists(valid.personId(), collectivityId, valid.kind(), today)
                                    : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.not-a-member")))
                            .flatMap(open -> open
                                    ? Mono.error(ProblemException.localized(ProblemType.DUPLICATE, "directory.duplicate-delegation"))
                                    : roles.heldOn(collectivityId, RolesService.MAYOR, today).next()
                                            .map(mayor -> Optional.of(mayor.personId())).defaultIfEmpty(Optional.empty()))
                            .flatMap(mayor -> {
                                UUID id = UUID.randomUUID();
                                return delegations.insert(id, collectivityId, valid, startsOn, mayor.orElse(null))
                                        .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId),
                                                "directory.delegation-recorded", "delegation:" + id,
                                                Map.of("person", valid.personId().toString(), "kind", valid.kind().databaseName(),
                                                        "startsOn", startsOn.toString(), "reference", valid.reference()))))
                                        .then(delegations.find(id));
                            });
                });
    }

    Flux<DelegationView> list(Actor actor, UUID collectivityId) {
        return policy.require(actor, Permission.READ, collectivityId).thenMany(delegations.of(collectivityId));
    }

    Mono<DelegationView> find(Actor actor, UUID collectivityId, UUID delegationId) {
        return policy.require(actor, Permission.READ, collectivityId).then(delegationIn(collectivityId, delegationId));
    }

    /** Authorizes on the path first, so that a caller of another collectivity learns nothing from If-Match or body checks. */
    Mono<DelegationView> end(Actor actor, UUID collectivityId, UUID delegationId, Mono<VersionedChange<EndRequest>> change) {
        return policy.require(actor, Permission.APPOINT_DELEGATES, collectivityId)
                .then(change)
                .flatMap(asked -> delegationIn(collectivityId, delegationId)
                .flatMap(delegation -> {
                    LocalDate endsOn = calendar.endOf(delegation, asked.change(), "directory.delegation-ended");
                    return VersionedUpdates.requireUpdated(delegations.end(delegationId, asked.expected().version(), endsOn),
                            asked.expected(), delegation.version())
                            .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId), "directory.delegation-ended",
                                    "delegation:" + delegationId, Map.of("endsOn", endsOn.toString()))))
                            .then(delegations.find(delegationId));
                }))
                .as(transactions::transactional);
    }

    private Mono<DelegationView> delegationIn(UUID collectivityId, UUID delegationId) {
        return delegations.find(delegationId)
                .filter(found -> collectivityId.equals(found.collectivityId()))
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND,
                        "directory.delegation-not-found", delegationId.toString())));
    }
}
