package fr.cartesagents.ra.habilitation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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
import fr.cartesagents.ra.security.Permission;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Grants and withdraws habilitations under the rules of the conventions: only to an active person
 * who belongs to the collectivity, by its mayor or a delegate; the COMEDEC officer level, HELIOS
 * signing and PVE only with the matching delegation; ACTES and HELIOS only on top of an active
 * COMEDEC habilitation, and withdrawn with it. Every change is audited in its own transaction.
 */
@Service
public class HabilitationService {

    private static final int MAX_PAGE = 500;

    /** Role and delegation dates are calendar days in France. */
    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final Habilitations habilitations;
    private final HabilitationRequests requests;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final Clock clock;

    HabilitationService(Habilitations habilitations, HabilitationRequests requests, AccessPolicy access, AuditTrail audit,
                        TransactionalOperator transactions, Clock clock) {
        this.habilitations = habilitations;
        this.requests = requests;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The application the input {@code field} names, or a 400 that lists what exists and names the
     * field in its {@code errors}.
     */
    static Application application(String field, String name) {
        return Application.fromName(name).orElseThrow(() -> ProblemException.invalidField(field,
                "habilitation.unknown-application", name, Application.names()));
    }

    /** The level the input {@code field} names, if {@code application} offers it; else a 400 naming the field. */
    static Level level(String field, Application application, String name) {
        return Level.fromName(name).filter(application::offers).orElseThrow(() -> ProblemException.invalidField(field,
                "habilitation.level-not-offered", application.label(), name, application.levelNames()));
    }

    /**
     * Grants the habilitation; or, when the caller grants it to themselves, records a request that
     * another manager of the collectivity must approve (four eyes: nobody gives themselves a right to
     * sign civil-status acts alone). Runs inside the caller's transaction (the idempotency key's).
     */
    Mono<GrantOutcome> grant(Actor actor, UUID collectivityId, GrantHabilitationRequest request) {
        return requireManager(actor, collectivityId).then(Mono.defer(() -> actor.isPerson(request.personId())
                ? requestForOneself(actor, collectivityId, request).map(GrantOutcome.Requested::new)
                : grantChecked(actor, collectivityId, request).map(GrantOutcome.Granted::new)));
    }

    /** The waiting request of a manager who grants themselves the habilitation; checked as a grant would be. */
    private Mono<HabilitationRequestView> requestForOneself(Actor actor, UUID collectivityId, GrantHabilitationRequest request) {
        Application application = application("application", request.application());
        Level level = level("level", application, request.level());
        HabilitationRequestView asked = new HabilitationRequestView(UUID.randomUUID(), request.personId(), collectivityId,
                application.databaseName(), level.databaseName(), HabilitationRequestStatus.PENDING.databaseName(), now(),
                actor.auditName(), null, null, null, null, 0);
        return habilitations.standing(request.personId(), collectivityId, today())
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.PERSON_NOT_FOUND,
                        "habilitation.person-not-found", request.personId().toString())))
                .flatMap(standing -> !standing.active() || !standing.member()
                        ? Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED,
                                standing.active() ? "habilitation.not-a-member" : "habilitation.person-departed"))
                        : requireNotHeld(request.personId(), collectivityId, application, level))
                .then(requests.insert(asked))
                .onErrorMap(DataIntegrityViolationException.class, collision -> ProblemException.localized(
                        ProblemType.DUPLICATE, "habilitation.request-pending", application.label(), level.databaseName()))
                .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId), "habilitation.requested",
                        "habilitation_request:" + asked.id(), Map.of("person", request.personId().toString(),
                                "application", application.databaseName(), "level", level.databaseName()))))
                .thenReturn(asked);
    }

    /** The check every scoped change starts with, before If-Match, body or enum values are looked at. */
    Mono<Void> requireManager(Actor actor, UUID collectivityId) {
        return access.require(actor, Permission.MANAGE_HABILITATIONS, collectivityId);
    }

    /** The grant itself, for an actor already authorized (a direct grant, or the approval of a request). */
    Mono<Habilitation> grantChecked(Actor actor, UUID collectivityId, GrantHabilitationRequest request) {
        Application application = application("application", request.application());
        Level level = level("level", application, request.level());
        LocalDate today = today();
        return habilitations.standing(request.personId(), collectivityId, today)
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.PERSON_NOT_FOUND,
                        "habilitation.person-not-found", request.personId().toString())))
                .flatMap(standing -> requireEligible(standing, request.personId(), collectivityId, application, level, today))
                .flatMap(dependsOn -> requireNotHeld(request.personId(), collectivityId, application, level).thenReturn(dependsOn))
                .flatMap(dependsOn -> {
                    Habilitation granted = new Habilitation(UUID.randomUUID(), request.personId(), collectivityId, application,
                            level, HabilitationStatus.ACTIVE, dependsOn, now(), actor.auditName(), actor.personId(),
                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
                    Map<String, String> details = new HashMap<>(Map.of("person", granted.personId().toString(),
                            "application", application.databaseName(), "level", level.databaseName()));
                    dependsOn.ifPresent(comedec -> details.put("dependsOn", comedec.toString()));
                    return habilitations.insert(granted)
                            .onErrorMap(DataIntegrityViolationException.class, collision -> ProblemException.localized(
                                    ProblemType.DUPLICATE, "habilitation.already-held", application.label(), level.databaseName()))
                            .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId), "habilitation.granted",
                                    target(granted.id()), details)))
                            .thenReturn(granted);
                });
    }

    /** Withdraws the habilitation, and with a COMEDEC one the ACTES and HELIOS that rest on it, in one transaction. */
    Mono<Habilitation> withdraw(Actor actor, UUID collectivityId, UUID id, Mono<EntityVersion> ifMatch) {
        return transactions.transactional(requireManager(actor, collectivityId)
                .then(ifMatch)
                .flatMap(expected -> find(collectivityId, id).flatMap(current -> {
                    if (!HabilitationStatus.LIFECYCLE.allows(HabilitationStatus.Action.WITHDRAW, current.status())) {
                        return Mono.error(ProblemException.localized(ProblemType.ILLEGAL_TRANSITION,
                                "habilitation.already-withdrawn", current.withdrawnAt().map(Instant::toString).orElse("?")));
                    }
                    return withdrawOne(actor, current, expected.version(), WithdrawalReason.DECISION)
                            .switchIfEmpty(Mono.error(() -> EntityVersion.stale(expected.version(), current.version())))
                            .thenMany(current.application() == Application.COMEDEC
                                    ? cascade(actor, current) : Flux.empty())
                            .then(habilitations.find(id));
                })));
    }

    /** Withdraws every active habilitation of the person in the collectivity; runs in the departure's transaction. */
    Mono<Void> withdrawAllOnDeparture(Actor actor, UUID personId, UUID collectivityId) {
        // dependents (ACTES, HELIOS) come first, so each is withdrawn for the departure and not as a cascade
        return habilitations.allActive(personId, collectivityId)
                .concatMap(active -> withdrawOne(actor, active, active.version(), WithdrawalReason.DEPARTURE))
                .then();
    }

    Mono<Habilitation> find(UUID collectivityId, UUID id) {
        return habilitations.find(id)
                .filter(found -> found.collectivityId().equals(collectivityId))
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND, "habilitation.not-found",
                        id.toString())));
    }

    Mono<Habilitation> read(Actor actor, UUID collectivityId, UUID id) {
        return access.require(actor, Permission.READ, collectivityId).then(find(collectivityId, id));
    }

    /** Authorizes first; the filters are parsed only for a caller who may read the collectivity. */
    Flux<Habilitation> list(Actor actor, UUID collectivityId, Optional<UUID> personId, Optional<String> application,
                            Optional<String> status, int limit, long offset) {
        return access.require(actor, Permission.READ, collectivityId).thenMany(Flux.defer(() -> {
            if (limit < 1 || limit > MAX_PAGE || offset < 0) {
                throw ProblemException.invalidField(limit < 1 || limit > MAX_PAGE ? "limit" : "offset", "habilitation.page", MAX_PAGE);
            }
            return habilitations.list(collectivityId, personId, application.map(name -> application("application", name)),
                    status.map(HabilitationService::status), limit, offset);
        }));
    }

    private static HabilitationStatus status(String name) {
        for (HabilitationStatus status : HabilitationStatus.values()) {
            if (status.databaseName().equals(name)) {
                return status;
            }
        }
        throw ProblemException.invalidField("status", "habilitation.unknown-status", name);
    }

    /**
     * A person's habilitations: all of them for the person themselves (a holder sees their own
     * record), otherwise those of the collectivities the caller may read.
     */
    Flux<Habilitation> ofPerson(Actor actor, UUID personId) {
        if (actor.isPerson(personId)) {
            return habilitations.ofPerson(personId, fr.cartesagents.ra.security.CollectivityScope.everything());
        }
        return access.requireSelfOr(actor, personId, Permission.READ)
                .then(access.readableCollectivities(actor))
                .flatMapMany(scope -> habilitations.ofPerson(personId, scope));
    }

    private Flux<Habilitation> cascade(Actor actor, Habilitation comedec) {
        return habilitations.activeDependents(comedec.id())
                .concatMap(dependent -> withdrawOne(actor, dependent, dependent.version(), WithdrawalReason.COMEDEC_WITHDRAWN));
    }

    /** Empty when the row was not at {@code expectedVersion} (or no longer active). */
    private Mono<Habilitation> withdrawOne(Actor actor, Habilitation active, long expectedVersion, WithdrawalReason reason) {
        return habilitations.withdraw(active.id(), expectedVersion, now(), actor.auditName(), actor.personId(), reason)
                .filter(updated -> updated == 1)
                .flatMap(updated -> audit.append(AuditEntry.by(actor, Optional.of(active.collectivityId()), "habilitation.withdrawn",
                        target(active.id()), Map.of("person", active.personId().toString(),
                                "application", active.application().databaseName(), "level", active.level().databaseName(),
                                "reason", reason.databaseName())))
                        .thenReturn(active));
    }

    /**
     * Whether the person may hold the level there: an active person of the collectivity, with the
     * delegation the level requires, and for ACTES and HELIOS an active COMEDEC habilitation (whose
     * id is returned, locked until the grant commits).
     */
    private Mono<Optional<UUID>> requireEligible(Habilitations.Standing standing, UUID personId, UUID collectivityId,
                                                 Application application, Level level, LocalDate today) {
        if (!standing.active()) {
            return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "habilitation.person-departed"));
        }
        if (!standing.member()) {
            return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "habilitation.not-a-member"));
        }
        Mono<Void> delegation = level.requiredDelegation()
                .filter(required -> !(required.heldByTheMayor() && standing.mayor()))
                .map(required -> habilitations.hasCurrentDelegation(personId, collectivityId, required, today)
                        .flatMap(held -> held ? Mono.<Void>empty() : Mono.error(ProblemException.localized(
                                ProblemType.RULE_VIOLATED, "habilitation.delegation-required." + required.databaseName()))))
                .orElse(Mono.empty());
        if (!application.requiresComedec()) {
            return delegation.thenReturn(Optional.empty());
        }
        return delegation.then(habilitations.lockActiveComedec(personId, collectivityId))
                .map(Optional::of)
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.RULE_VIOLATED,
                        "habilitation.comedec-required", application.label())));
    }

    private Mono<Void> requireNotHeld(UUID personId, UUID collectivityId, Application application, Level level) {
        return habilitations.active(personId, collectivityId, application)
                .filter(held -> !application.levelsCombine() || held.level() == level)
                .next()
                .flatMap(held -> Mono.error(ProblemException.localized(ProblemType.DUPLICATE, "habilitation.already-held",
                        application.label(), held.level().databaseName())));
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(FRANCE));
    }

    /** Truncated to what PostgreSQL keeps, so that what is returned is what is stored. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String target(UUID id) {
        return "habilitation:" + id;
    }
}
