package fr.cartesagents.ra.security;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The authorization rules of every endpoint, in one place: who may do what to which collectivity.
 * Handlers call it before they read or change anything; it never trusts what the client says about
 * itself, only the {@link Actor} built from its authenticated identity and the database.
 */
@Component
public class AccessPolicy {

    private final DatabaseClient database;

    public AccessPolicy(DatabaseClient database) {
        this.database = database;
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

    /** Completes if the actor is that person, or holds {@code permission} on one of the collectivities the person belongs to. */
    public Mono<Void> requireSelfOr(Actor actor, UUID personId, Permission permission) {
        if (actor.isPerson(personId)) {
            return Mono.empty();
        }
        return collectivitiesOf(personId)
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
        return database.sql("select id from collectivity where registration_office_id = any(:offices)")
                .bind("offices", offices.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList()
                .map(served -> {
                    own.addAll(served);
                    return CollectivityScope.only(own);
                });
    }

    private static boolean everywhere(Actor actor, Permission permission) {
        return actor.grants().stream().anyMatch(grant -> grant.scope().isEmpty() && permission.grantedTo(grant.role()));
    }

    private static Decision decide(Actor actor, Permission permission, TargetCollectivity target) {
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

    private static boolean inScope(Grant grant, TargetCollectivity target) {
        return switch (grant.role()) {
            case NATIONAL_ADMINISTRATOR, AUDITOR -> true;
            case REGISTRATION_OFFICER -> grant.scope().equals(target.registrationOfficeId());
            case MAYOR, DELEGATE, AGENT -> grant.scope().filter(target.id()::equals).isPresent();
            case HOLDER -> false;
        };
    }

    private Mono<TargetCollectivity> collectivity(UUID collectivityId) {
        return database.sql("select id, registration_office_id, trust_suspended from collectivity where id = :id")
                .bind("id", collectivityId)
                .map(row -> new TargetCollectivity(row.get("id", UUID.class),
                        Optional.ofNullable(row.get("registration_office_id", UUID.class)),
                        Boolean.TRUE.equals(row.get("trust_suspended", Boolean.class))))
                .one()
                .switchIfEmpty(Mono.error(ProblemException.localized(ProblemType.COLLECTIVITY_NOT_FOUND,
                        "access.collectivity-not-found", collectivityId.toString())));
    }

    private Flux<UUID> collectivitiesOf(UUID personId) {
        return database.sql("select distinct collectivity_id from role_assignment where person_id = :person"
                        + " and collectivity_id is not null")
                .bind("person", personId)
                .map(row -> row.get("collectivity_id", UUID.class))
                .all();
    }

    private enum Decision { ALLOWED, DENIED, TRUST_SUSPENDED }

    private record TargetCollectivity(UUID id, Optional<UUID> registrationOfficeId, boolean trustSuspended) {
    }
}
