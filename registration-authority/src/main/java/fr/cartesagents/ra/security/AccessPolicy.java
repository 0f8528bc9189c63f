package fr.cartesagents.ra.security;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The authorization rules of every endpoint, in one place: who may do what to which collectivity.
 * Handlers call it before they read or change anything; it never trusts what the client says about
 * itself, only the {@link Actor} built from its authenticated identity and what the owners of the
 * collectivities and the directory say ({@link CollectivityAccessFacts}, {@link PersonAccessFacts}).
 */
@Component
public class AccessPolicy {

    private final CollectivityAccessFacts collectivities;
    private final PersonAccessFacts people;

    public AccessPolicy(CollectivityAccessFacts collectivities, PersonAccessFacts people) {
        this.collectivities = collectivities;
        this.people = people;
    }

    /** Completes if {@code actor} holds {@code permission} on the collectivity; else 403 (or 404 if it does not exist). */
    public Mono<Void> require(Actor actor, Permission permission, UUID collectivityId) {
        return collectivity(collectivityId).flatMap(target -> {
            Decision decision = decide(actor, permission, target);
            return switch (decision) {
                case ALLOWED -> Mono.<Void>empty();
                case TRUST_SUSPENDED -> Mono.error(ProblemException.localized(ProblemType.TRUST_ROLES_SUSPENDED,
                        "access.trust-suspended"));
                case DENIED -> Mono.error(ProblemException.localized(ProblemType.FORBIDDEN,
                        "access.denied", permission.name().toLowerCase(java.util.Locale.ROOT)));
            };
        });
    }

    public Mono<Boolean> allows(Actor actor, Permission permission, UUID collectivityId) {
        return collectivity(collectivityId).map(target -> decide(actor, permission, target) == Decision.ALLOWED)
                .onErrorReturn(ProblemException.class, false);
    }

    /** Completes if the actor holds {@code permission} everywhere (national administrators; auditors for what they may read). */
    public Mono<Void> requireEverywhere(Actor actor, Permission permission) {
        boolean allowed = actor.grants().stream()
                .anyMatch(grant -> grant.scope().isEmpty() && grant.role() != Role.HOLDER && permission.grantedTo(grant.role()));
        return allowed ? Mono.empty() : Mono.error(ProblemException.localized(ProblemType.FORBIDDEN,
                permission.grantedTo(Role.AUDITOR) ? "access.national-or-auditor" : "access.national-only"));
    }

    /**
     * Completes if the actor may change a person of the collectivity's directory (civil status,
     * departure) who holds {@code targetRoles}: {@link Permission#MANAGE_DIRECTORY} there, and for
     * each trust role the target holds, the permission that governs that role where it is held
     * ({@link #governing}). So a delegate manages agents but cannot remove or rename the mayor or
     * another delegate (nor themselves), and nobody local can touch a registration officer or a
     * national role. Whoever may appoint or dismiss someone may also record their departure.
     */
    public Mono<Void> requireOverPerson(Actor actor, UUID collectivityId, Set<Grant> targetRoles) {
        return require(actor, Permission.MANAGE_DIRECTORY, collectivityId)
                .then(Flux.fromIterable(targetRoles)
                        .concatMap(role -> requireGoverning(actor, role)
                                .onErrorMap(denied -> denied instanceof ProblemException problem
                                                && problem.problemType() == ProblemType.FORBIDDEN,
                                        denied -> ProblemException.localized(ProblemType.FORBIDDEN,
                                                "access.trust-role-target", role.role().databaseName())))
                        .then());
    }

    private Mono<Void> requireGoverning(Actor actor, Grant role) {
        Optional<Permission> permission = governing(role);
        if (permission.isEmpty()) {
            return Mono.empty();
        }
        boolean heldInACollectivity = role.role() == Role.MAYOR || role.role() == Role.DELEGATE;
        return heldInACollectivity ? require(actor, permission.get(), role.scope().orElseThrow())
                : requireEverywhere(actor, permission.get());
    }

    /**
     * The permission that governs a trust role: the mayor's term is recorded by the national
     * administrators ({@link Permission#ADMINISTER} on the commune), delegates are the mayor's
     * ({@link Permission#APPOINT_DELEGATES}), registration officers and national roles are the
     * national administrators' (ADMINISTER everywhere). Agents and holders are governed by nobody
     * in particular: empty.
     */
    static Optional<Permission> governing(Grant role) {
        return switch (role.role()) {
            case MAYOR, REGISTRATION_OFFICER, NATIONAL_ADMINISTRATOR, AUDITOR -> Optional.of(Permission.ADMINISTER);
            case DELEGATE -> Optional.of(Permission.APPOINT_DELEGATES);
            case AGENT, HOLDER -> Optional.empty();
        };
    }

    /** Completes if the actor is that person, or holds {@code permission} on one of the collectivities the person belongs to. */
    public Mono<Void> requireSelfOr(Actor actor, UUID personId, Permission permission) {
        if (actor.isPerson(personId)) {
            return Mono.empty();
        }
        return people.collectivitiesOf(personId)
                .concatMap(collectivityId -> allows(actor, permission, collectivityId))
                .any(Boolean::booleanValue)
                .flatMap(allowed -> allowed || everywhere(actor, permission) ? Mono.<Void>empty()
                        : Mono.error(ProblemException.localized(ProblemType.FORBIDDEN,
                                "access.person-denied")));
    }

    /** The collectivities the actor may see ({@link Permission#READ}). */
    public Mono<CollectivityScope> readableCollectivities(Actor actor) {
        if (everywhere(actor, Permission.READ)) {
            return Mono.just(CollectivityScope.everything());
        }
        Set<UUID> own = new HashSet<>(actor.scopesOf(Role.MAYOR));
        own.addAll(actor.scopesOf(Role.DELEGATE));
        Set<UUID> offices = actor.scopesOf(Role.REGISTRATION_OFFICER);
        if (offices.isEmpty()) {
            return Mono.just(CollectivityScope.only(own));
        }
        return collectivities.servedBy(offices)
                .collectList()
                .map(served -> {
                    own.addAll(served);
                    return CollectivityScope.only(own);
                });
    }

    private static boolean everywhere(Actor actor, Permission permission) {
        return actor.grants().stream().anyMatch(grant -> grant.scope().isEmpty() && permission.grantedTo(grant.role()));
    }

    private static Decision decide(Actor actor, Permission permission, CollectivityAccessFacts.Target target) {
        boolean suspendedOnly = false;
        for (Grant grant : actor.grants()) {
            if (!permission.grantedTo(grant.role()) || !inScope(grant, target)) {
                continue;
            }
            boolean trustRole = grant.role() == Role.MAYOR || grant.role() == Role.DELEGATE;
            if (trustRole && permission.isTrust() && target.trustSuspended()) {
                suspendedOnly = true;
                continue;
            }
            return Decision.ALLOWED;
        }
        return suspendedOnly ? Decision.TRUST_SUSPENDED : Decision.DENIED;
    }

    private static boolean inScope(Grant grant, CollectivityAccessFacts.Target target) {
        return switch (grant.role()) {
            case NATIONAL_ADMINISTRATOR, AUDITOR -> true;
            case REGISTRATION_OFFICER -> grant.scope().equals(target.registrationOfficeId());
            case MAYOR, DELEGATE, AGENT -> grant.scope().filter(target.id()::equals).isPresent();
            case HOLDER -> false;
        };
    }

    private Mono<CollectivityAccessFacts.Target> collectivity(UUID collectivityId) {
        return collectivities.target(collectivityId)
                .switchIfEmpty(Mono.error(ProblemException.localized(ProblemType.COLLECTIVITY_NOT_FOUND,
                        "access.collectivity-not-found", collectivityId.toString())));
    }

    private enum Decision { ALLOWED, DENIED, TRUST_SUSPENDED }

}
