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
 * National administrators, auditors and registration officers: given and ended by the national
 * administrators only; the list is read by them and by the auditors.
 */
@Service
record NationalRolesService(RoleAssignmentRepository roles, AccessPolicy policy, AuditTrail audit,
                            TransactionalOperator transactions, DirectoryCalendar calendar, RegistrationOffices offices) {

    /** Who may give national roles; checked before the request body is even decoded. */
    Mono<Void> mayGive(Actor actor) {
        return policy.requireEverywhere(actor, Permission.ADMINISTER);
    }

    /** Must run inside the caller's (idempotency) transaction. */
    Mono<RoleAssignmentView> give(Actor actor, NationalRoleRequest request) {
        return mayGive(actor)
                .thenReturn(request) // read and validated by the web kit
                .flatMap(valid -> {
                    boolean officer = valid.role() == NationalRole.REGISTRATION_OFFICER;
                    if (officer != (valid.registrationOfficeId() != null)) {
                        return Mono.error(ProblemException.localized(ProblemType.VALIDATION_FAILED, "directory.office-required"));
                    }
                    LocalDate today = calendar.today();
                    LocalDate startsOn = valid.startsOn() == null ? today : valid.startsOn();
                    if (startsOn.isBefore(today)) {
                        return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.starts-in-past",
                                startsOn.toString(), today.toString()));
                    }
                    Mono<Void> officeKnown = !officer ? Mono.empty() : offices.exists(valid.registrationOfficeId())
                            .flatMap(exists -> exists ? Mono.<Void>empty() : Mono.error(ProblemException.localized(
                                    ProblemType.RULE_VIOLATED, "directory.office-not-found", valid.registrationOfficeId().toString())));
                    UUID id = UUID.randomUUID();
                    return officeKnown
                            .then(roles.personIsActive(valid.personId()))
                            .flatMap(active -> active ? Mono.<Void>empty()
                                    : Mono.error(PeopleService.notFound(valid.personId())))
                            .then(roles.nationalRoles()
                                    .any(open -> open.personId().equals(valid.personId())
                                            && open.role().equals(valid.role().databaseName())
                                            && (open.endsOn() == null || !open.endsOn().isBefore(today))
                                            && java.util.Objects.equals(open.registrationOfficeId(), valid.registrationOfficeId())))
                            .flatMap(duplicate -> duplicate
                                    ? Mono.<Void>error(ProblemException.localized(ProblemType.DUPLICATE, "directory.duplicate-role"))
                                    : roles.insert(id, valid.personId(), valid.role().databaseName(), null,
                                            valid.registrationOfficeId(), startsOn, null))
                            .then(audit.append(AuditEntry.by(actor, Optional.empty(), "directory.national-role-given",
                                    "role_assignment:" + id, Map.of("person", valid.personId().toString(),
                                            "role", valid.role().databaseName(), "startsOn", startsOn.toString()))))
                            .then(roles.find(id));
                });
    }

    Flux<RoleAssignmentView> list(Actor actor) {
        return policy.requireEverywhere(actor, Permission.READ).thenMany(roles.nationalRoles());
    }

    Mono<RoleAssignmentView> find(Actor actor, UUID assignmentId) {
        return policy.requireEverywhere(actor, Permission.READ).then(national(assignmentId));
    }

    Mono<RoleAssignmentView> end(Actor actor, UUID assignmentId, Mono<VersionedChange<EndRequest>> change) {
        return policy.requireEverywhere(actor, Permission.ADMINISTER)
                .then(change)
                .flatMap(asked -> national(assignmentId)
                .flatMap(found -> {
                    LocalDate endsOn = calendar.endOf(found, asked.change(), "directory.role-ended");
                    return VersionedUpdates.requireUpdated(roles.end(assignmentId, asked.expected().version(), endsOn),
                            asked.expected(), found.version())
                            .then(audit.append(AuditEntry.by(actor, Optional.empty(), "directory.national-role-ended",
                                    "role_assignment:" + assignmentId, Map.of("endsOn", endsOn.toString()))))
                            .then(roles.find(assignmentId));
                }))
                .as(transactions::transactional);
    }

    private Mono<RoleAssignmentView> national(UUID assignmentId) {
        return roles.find(assignmentId)
                .filter(found -> NationalRole.fromJson(found.role()) != null)
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND, "directory.role-not-found",
                        "national", assignmentId.toString())));
    }
}
