package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.web.VersionedUpdates;
import fr.cartesagents.ra.web.VersionedChange;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The mayor of each commune and the delegates the mayor appoints. The mayor is recorded by the
 * national administrators (a matter of public record after an election; the registration office
 * checks the mandate at the hand-over), which ends the previous mayor's term the day before. A
 * delegate cannot be dismissed if that leaves the collectivity without one while the mayor does
 * not manage the cards personally (convention CARTES, article VI).
 */
@Service
record RolesService(RoleAssignmentRepository roles, AccessPolicy policy, AuditTrail audit,
                    TransactionalOperator transactions, DirectoryCalendar calendar) {

    static final String MAYOR = "mayor";
    static final String DELEGATE = "delegate";

    /** Who may record the mayor; checked before the request body is even decoded. */
    Mono<Void> mayDesignateMayor(Actor actor, UUID communeId) {
        return policy.require(actor, Permission.ADMINISTER, communeId);
    }

    /** Who may appoint delegates or record delegations; checked before the request body is even decoded. */
    Mono<Void> mayAppointDelegates(Actor actor, UUID collectivityId) {
        return policy.require(actor, Permission.APPOINT_DELEGATES, collectivityId);
    }

    /** Must run inside the caller's (idempotency) transaction. */
    Mono<RoleAssignmentView> designateMayor(Actor actor, UUID communeId, AppointmentRequest request) {
        return mayDesignateMayor(actor, communeId)
                .thenReturn(request) // read and validated by the web kit
                .flatMap(valid -> roles.lockCollectivity(communeId).flatMap(facts -> {
                    if (!"commune".equals(facts.kind())) {
                        return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.mayor-not-commune"));
                    }
                    LocalDate startsOn = startOf(valid);
                    return requireActiveAgent(valid.personId(), communeId)
                            .then(roles.openIn(communeId, MAYOR, calendar.today()).filter(m -> m.endsOn() == null).next()
                                    .map(Optional::of).defaultIfEmpty(Optional.empty()))
                            .flatMap(previous -> endPreviousMayor(previous, valid.personId(), startsOn)
                                    .then(insert(actor, valid.personId(), MAYOR, communeId, startsOn, null,
                                            "directory.mayor-designated", previous.map(p -> p.personId().toString()))));
                }));
    }

    /** Must run inside the caller's (idempotency) transaction. */
    Mono<RoleAssignmentView> appointDelegate(Actor actor, UUID collectivityId, AppointmentRequest request) {
        return mayAppointDelegates(actor, collectivityId)
                .thenReturn(request) // read and validated by the web kit
                .flatMap(valid -> roles.lockCollectivity(collectivityId).then(Mono.defer(() -> {
                    LocalDate startsOn = startOf(valid);
                    if (valid.endsOn() != null && valid.endsOn().isBefore(startsOn)) {
                        return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.end-in-past",
                                valid.endsOn().toString(), startsOn.toString()));
                    }
                    return requireActiveAgent(valid.personId(), collectivityId)
                            .then(roles.openIn(collectivityId, DELEGATE, calendar.today())
                                    .any(open -> open.personId().equals(valid.personId())))
                            .flatMap(already -> already
                                    ? Mono.error(ProblemException.localized(ProblemType.DUPLICATE, "directory.duplicate-role"))
                                    : insert(actor, valid.personId(), DELEGATE, collectivityId, startsOn, valid.endsOn(),
                                            "directory.delegate-appointed", Optional.empty()));
                })));
    }

    /** Authorizes on the path first, so that a caller of another collectivity learns nothing from If-Match or body checks. */
    Mono<RoleAssignmentView> dismissDelegate(Actor actor, UUID collectivityId, UUID assignmentId,
                                             Mono<VersionedChange<EndRequest>> change) {
        return policy.require(actor, Permission.APPOINT_DELEGATES, collectivityId)
                .then(change)
                .flatMap(asked -> roles.lockCollectivity(collectivityId)
                .flatMap(facts -> assignmentIn(collectivityId, assignmentId, DELEGATE).flatMap(delegate -> {
                    LocalDate endsOn = calendar.endOf(delegate, asked.change(), "directory.role-ended");
                    return requireADelegateRemains(collectivityId, facts, other -> other.id().equals(assignmentId), endsOn.plusDays(1))
                            .then(VersionedUpdates.requireUpdated(roles.end(assignmentId, asked.expected().version(), endsOn),
                                    asked.expected(), delegate.version()))
                            .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId), "directory.delegate-dismissed",
                                    "role_assignment:" + assignmentId,
                                    Map.of("person", delegate.personId().toString(), "endsOn", endsOn.toString()))))
                            .then(roles.find(assignmentId));
                })))
                .as(transactions::transactional);
    }

    /**
     * The last-delegate rule (convention CARTES, article VI), on every path that ends a delegate's
     * role (dismissal, departure): 409 unless another delegate still holds the role on
     * {@code firstDayWithout}, or the mayor manages the cards personally. The caller holds the
     * collectivity's lock ({@link RoleAssignmentRepository#lockCollectivity}), whose facts it passes.
     */
    Mono<Void> requireADelegateRemains(UUID collectivityId, RoleAssignmentRepository.CollectivityFacts facts,
                                       Predicate<RoleAssignmentView> leaving, LocalDate firstDayWithout) {
        if (facts.mayorManagesCards()) {
            return Mono.empty();
        }
        return roles.heldOn(collectivityId, DELEGATE, firstDayWithout)
                .any(leaving.negate())
                .flatMap(othersRemain -> othersRemain ? Mono.<Void>empty()
                        : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.last-delegate")));
    }

    /** Locks the collectivity, then {@link #requireADelegateRemains} for a delegate who leaves on {@code firstDayWithout}. */
    Mono<Void> requireADelegateRemainsWithout(UUID collectivityId, UUID leavingPerson, LocalDate firstDayWithout) {
        return roles.lockCollectivity(collectivityId).flatMap(facts -> requireADelegateRemains(collectivityId, facts,
                delegate -> delegate.personId().equals(leavingPerson), firstDayWithout));
    }

    Flux<RoleAssignmentView> trustRoles(Actor actor, UUID collectivityId) {
        return policy.require(actor, Permission.READ, collectivityId).thenMany(roles.trustRolesOf(collectivityId));
    }

    Mono<RoleAssignmentView> find(Actor actor, UUID collectivityId, UUID assignmentId) {
        return policy.require(actor, Permission.READ, collectivityId)
                .then(roles.find(assignmentId))
                .filter(found -> collectivityId.equals(found.collectivityId()))
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND, "directory.role-not-found",
                        "mayor/delegate", assignmentId.toString())));
    }

    Mono<DirectoryStatusView> status(Actor actor, UUID collectivityId) {
        LocalDate today = calendar.today();
        return policy.require(actor, Permission.READ, collectivityId)
                .then(Mono.zip(roles.lockFreeKind(collectivityId), roles.heldOn(collectivityId, MAYOR, today).collectList(),
                        roles.heldOn(collectivityId, DELEGATE, today).collectList()))
                .map(facts -> {
                    boolean commune = "commune".equals(facts.getT1().kind());
                    boolean mayorManages = facts.getT1().mayorManagesCards();
                    RoleAssignmentView mayor = facts.getT2().isEmpty() ? null : facts.getT2().get(0);
                    List<String> issues = new ArrayList<>();
                    if (commune && mayor == null) {
                        issues.add("no-mayor");
                    }
                    boolean assured = !facts.getT3().isEmpty() || (mayorManages && mayor != null);
                    if (facts.getT3().isEmpty() && !mayorManages) {
                        issues.add("no-delegate");
                    }
                    return new DirectoryStatusView(collectivityId, mayor, mayorManages, facts.getT3(), assured, issues);
                });
    }

    private Mono<Void> endPreviousMayor(Optional<RoleAssignmentView> previous, UUID newMayor, LocalDate startsOn) {
        if (previous.isEmpty()) {
            return Mono.empty();
        }
        RoleAssignmentView current = previous.get();
        if (current.personId().equals(newMayor)) {
            return Mono.error(ProblemException.localized(ProblemType.DUPLICATE, "directory.duplicate-role"));
        }
        if (startsOn.isBefore(current.startsOn())) {
            return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.mayor-starts-too-early",
                    current.startsOn().toString()));
        }
        return roles.end(current.id(), current.version(), startsOn.minusDays(1)).then();
    }

    private Mono<RoleAssignmentView> insert(Actor actor, UUID personId, String role, UUID collectivityId, LocalDate startsOn,
                                            LocalDate endsOn, String action, Optional<String> replaced) {
        UUID id = UUID.randomUUID();
        Map<String, String> details = new java.util.HashMap<>(Map.of("person", personId.toString(),
                "startsOn", startsOn.toString()));
        replaced.ifPresent(previous -> details.put("replaces", previous));
        return roles.insert(id, personId, role, collectivityId, null, startsOn, endsOn)
                .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId), action, "role_assignment:" + id, details)))
                .then(roles.find(id));
    }

    private Mono<Void> requireActiveAgent(UUID personId, UUID collectivityId) {
        return roles.isActiveAgent(personId, collectivityId, calendar.today())
                .flatMap(member -> member ? Mono.<Void>empty()
                        : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.not-a-member")));
    }

    private Mono<RoleAssignmentView> assignmentIn(UUID collectivityId, UUID assignmentId, String role) {
        return roles.find(assignmentId)
                .filter(found -> collectivityId.equals(found.collectivityId()) && role.equals(found.role()))
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND, "directory.role-not-found",
                        role, assignmentId.toString())));
    }

    /** A role starts today or later: the past is not rewritten. */
    private LocalDate startOf(AppointmentRequest request) {
        LocalDate today = calendar.today();
        if (request.startsOn() == null) {
            return today;
        }
        if (request.startsOn().isBefore(today)) {
            throw ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.starts-in-past",
                    request.startsOn().toString(), today.toString());
        }
        return request.startsOn();
    }
}
