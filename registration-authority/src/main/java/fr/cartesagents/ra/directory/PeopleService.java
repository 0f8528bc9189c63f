package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.web.EntityVersion;
import fr.cartesagents.ra.web.VersionedUpdates;
import fr.cartesagents.ra.web.VersionedChange;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.CollectivityScope;
import fr.cartesagents.ra.security.Grant;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.security.Permission;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The people of the directory: created as agents of a collectivity, read by whoever may read that
 * collectivity (and by themselves), edited by its mayor, delegates and registration office, and
 * marked as departed, which ends everything they held there in the same transaction.
 */
@Service
class PeopleService {

    private static final int HOLDER_ID_ATTEMPTS = 5;

    private final PeopleRepository people;
    private final AccessPolicy policy;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final DirectoryCalendar calendar;
    private final HolderIds holderIds;
    private final List<DepartureStep> departureSteps;
    private final RoleAssignmentRepository roles;
    private final RolesService trustRoles;

    PeopleService(PeopleRepository people, AccessPolicy policy, AuditTrail audit, TransactionalOperator transactions,
                  DirectoryCalendar calendar, HolderIds holderIds,
                  List<DepartureStep> departureSteps, RoleAssignmentRepository roles, RolesService trustRoles) {
        this.people = people;
        this.roles = roles;
        this.trustRoles = trustRoles;
        this.policy = policy;
        this.audit = audit;
        this.transactions = transactions;
        this.calendar = calendar;
        this.holderIds = holderIds;
        this.departureSteps = List.copyOf(departureSteps);
    }

    /**
     * Adds a person: as an agent of the collectivity (MANAGE_DIRECTORY there), or with no collectivity
     * (State staff who will hold a national role: national administrators only). Must run inside
     * the caller's (idempotency) transaction.
     */
    Mono<PersonView> create(Actor actor, Optional<UUID> collectivityId, PersonRequest request) {
        return mayCreate(actor, collectivityId)
                .thenReturn(request) // read and validated by the web kit
                .flatMap(valid -> newHolderId(HOLDER_ID_ATTEMPTS).flatMap(holderId -> {
                    UUID id = UUID.randomUUID();
                    return people.insert(id, holderId, valid)
                            .then(collectivityId.map(collectivity -> people.insertMembership(id, collectivity, valid,
                                    calendar.today())).orElse(Mono.empty()))
                            .then(audit.append(AuditEntry.by(actor, collectivityId, "directory.person-created",
                                    "person:" + id, Map.of("holderId", holderId))))
                            .then(read(id, collectivityId.map(PeopleService::only).orElse(CollectivityScope.everything())));
                }));
    }

    /** Who may add a person there; checked before the request body is even decoded. */
    Mono<Void> mayCreate(Actor actor, Optional<UUID> collectivityId) {
        return collectivityId.map(id -> policy.require(actor, Permission.MANAGE_DIRECTORY, id))
                .orElseGet(() -> policy.requireEverywhere(actor, Permission.ADMINISTER));
    }

    /** The person as an agent of the collectivity: readable by that collectivity's readers and by the person. */
    Mono<PersonView> findIn(Actor actor, UUID collectivityId, UUID personId) {
        Mono<Void> allowed = actor.isPerson(personId) ? Mono.empty() : policy.require(actor, Permission.READ, collectivityId);
        return allowed.then(read(personId, only(collectivityId)))
                .filter(person -> !person.memberships().isEmpty())
                .switchIfEmpty(Mono.error(() -> notFound(personId)));
    }

    /** The person with the memberships the caller may see (all of them for the person themselves). */
    Mono<PersonView> find(Actor actor, UUID personId) {
        return policy.requireSelfOr(actor, personId, Permission.READ)
                .then(actor.isPerson(personId) ? Mono.just(CollectivityScope.everything()) : policy.readableCollectivities(actor))
                .flatMap(scope -> read(personId, scope))
                .switchIfEmpty(Mono.error(() -> notFound(personId)));
    }

    /**
     * Authorizes on the path first, so that a caller of another collectivity learns nothing from
     * If-Match or body checks; then, the civil status being the person's everywhere, on every trust
     * role the person holds anywhere ({@link AccessPolicy#requireOverPerson}).
     */
    Mono<PersonView> update(Actor actor, UUID collectivityId, UUID personId, Mono<VersionedChange<PersonRequest>> change) {
        return policy.require(actor, Permission.MANAGE_DIRECTORY, collectivityId)
                .then(currentMember(collectivityId, personId))
                .flatMap(current -> roles.rolesOf(personId, calendar.today()).collect(Collectors.toSet())
                        .flatMap(held -> policy.requireOverPerson(actor, collectivityId, held))
                        .thenReturn(current))
                .flatMap(current -> change.flatMap(asked -> {
                    EntityVersion expected = asked.expected();
                    PersonRequest valid = asked.change();
                    PersonStatus.fromDatabaseName(current.status()).requireEditable();
                    requireStillMember(current, calendar.today());
                    return VersionedUpdates.requireUpdated(people.updatePerson(personId, expected.version(), valid),
                            expected, current.version())
                            .then(people.updateMembership(personId, collectivityId, valid))
                            .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId), "directory.person-updated",
                                    "person:" + personId, Map.of("fields", changedFields(current, collectivityId, valid)))));
                }))
                .then(read(personId, only(collectivityId)))
                .as(transactions::transactional);
    }

    /**
     * The person leaves the collectivity: every role and delegation they hold there ended at once, and
     * every {@link DepartureStep} run, all in one transaction. Only whoever governs the roles they hold
     * there may record it ({@link AccessPolicy#requireOverPerson}), and a delegate's departure obeys
     * the last-delegate rule as a dismissal does. The person becomes departed only when they hold no
     * role anywhere else: a departure from one commune leaves their roles in another collectivity or
     * registration office as they were.
     */
    Mono<PersonView> depart(Actor actor, UUID collectivityId, UUID personId, Mono<EntityVersion> ifMatch) {
        LocalDate today = calendar.today();
        LocalDate endsOn = today.minusDays(1);
        return policy.require(actor, Permission.MANAGE_DIRECTORY, collectivityId)
                .then(ifMatch)
                .flatMap(expected -> currentMember(collectivityId, personId).flatMap(current -> {
                    PersonStatus.fromDatabaseName(current.status()).requireTransitionTo(PersonStatus.DEPARTED);
                    requireStillMember(current, today);
                    return roles.rolesOf(personId, today).collect(Collectors.toSet()).flatMap(held -> {
                        Set<Grant> heldHere = held.stream().filter(role -> role.scope().filter(collectivityId::equals).isPresent())
                                .collect(Collectors.toSet());
                        boolean leavesEverything = held.equals(heldHere);
                        boolean delegateHere = heldHere.stream().anyMatch(role -> role.role() == Role.DELEGATE);
                        return policy.requireOverPerson(actor, collectivityId, heldHere)
                                .then(delegateHere ? trustRoles.requireADelegateRemainsWithout(collectivityId, personId, today)
                                        : Mono.empty())
                                .then(VersionedUpdates.requireUpdated(
                                        people.recordDeparture(personId, expected.version(), leavesEverything),
                                        expected, current.version()))
                                .then(Mono.zip(people.endRoles(personId, collectivityId, endsOn),
                                        people.endDelegations(personId, collectivityId, endsOn)))
                                .flatMap(ended -> Flux.fromIterable(departureSteps)
                                        .concatMap(step -> step.onDeparture(actor, personId, collectivityId))
                                        .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId),
                                                "directory.person-departed", "person:" + personId,
                                                Map.of("endedRoles", ended.getT1().toString(),
                                                        "endedDelegations", ended.getT2().toString(),
                                                        "departureSteps", String.valueOf(departureSteps.size()),
                                                        "departedEverywhere", String.valueOf(leavesEverything))))));
                    });
                }))
                .then(read(personId, only(collectivityId)))
                .as(transactions::transactional);
    }

    /** 409 when the person has left the collectivity (their record there is kept as it was). */
    private static void requireStillMember(PersonView member, LocalDate today) {
        if (member.memberships().stream().noneMatch(membership -> membership.until() == null || !membership.until().isBefore(today))) {
            throw ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "directory.person-left");
        }
    }

    private Mono<PersonView> currentMember(UUID collectivityId, UUID personId) {
        return read(personId, only(collectivityId))
                .filter(person -> !person.memberships().isEmpty())
                .switchIfEmpty(Mono.error(() -> notFound(personId)));
    }

    /** The person with their memberships inside {@code scope}; empty when there is no such person. */
    private Mono<PersonView> read(UUID personId, CollectivityScope scope) {
        return people.find(personId).flatMap(person -> people.memberships(personId, calendar.today())
                .filter(membership -> scope.includes(membership.collectivityId()))
                .map(PeopleRepository.MembershipRow::view)
                .collectList()
                .map(person::withMemberships));
    }

    private Mono<String> newHolderId(int attemptsLeft) {
        String candidate = holderIds.next();
        return people.holderIdTaken(candidate).flatMap(taken -> {
            if (!taken) {
                return Mono.just(candidate);
            }
            return attemptsLeft > 1 ? newHolderId(attemptsLeft - 1)
                    : Mono.error(new IllegalStateException("No free holder id after " + HOLDER_ID_ATTEMPTS + " draws"));
        });
    }

    /** The names of the fields an update changes (never their values: they come from an identity document). */
    private static String changedFields(PersonView current, UUID collectivityId, PersonRequest next) {
        List<String> fields = new ArrayList<>();
        addIfChanged(fields, "birthName", current.birthName(), next.birthName());
        addIfChanged(fields, "usualName", current.usualName(), next.usualName());
        addIfChanged(fields, "givenNames", current.givenNames(), next.givenNames());
        addIfChanged(fields, "birthDate", current.birthDate(), next.birthDate());
        addIfChanged(fields, "birthPlace", current.birthPlace(), next.birthPlace());
        addIfChanged(fields, "email", current.email(), next.email());
        current.memberships().stream().filter(m -> m.collectivityId().equals(collectivityId)).findFirst()
                .ifPresent(membership -> {
                    addIfChanged(fields, "service", membership.service(), next.service());
                    addIfChanged(fields, "jobTitle", membership.jobTitle(), next.jobTitle());
                });
        return String.join(",", fields);
    }

    private static void addIfChanged(List<String> fields, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            fields.add(name);
        }
    }

    private static CollectivityScope only(UUID collectivityId) {
        return CollectivityScope.only(java.util.Set.of(collectivityId));
    }

    static ProblemException notFound(UUID personId) {
        return ProblemException.localized(ProblemType.PERSON_NOT_FOUND, "directory.person-not-found", personId.toString());
    }
}
