package fr.cartesagents.ra.order;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.collectivity.CollectivityQueries;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.security.Role;
import reactor.core.publisher.Mono;

/**
 * Who may act on a person's card (order, personalize, hand over): a holder of the permission on the
 * collectivity ({@link AccessPolicy}: a suspension of the trust roles leaves it to the registration
 * office, Art. VII), and, when the person is the mayor or a delegate, only the registration office
 * or a national administrator (Art. III: the trust roles' own cards go through the office).
 */
@Component
public class CardOperators {

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final AccessPolicy access;
    private final OrderRepository orders;
    private final CollectivityQueries collectivities;
    private final Clock clock;

    CardOperators(AccessPolicy access, OrderRepository orders, CollectivityQueries collectivities, Clock clock) {
        this.access = access;
        this.orders = orders;
        this.collectivities = collectivities;
        this.clock = clock;
    }

    /** Completes when the actor holds {@code permission} on the collectivity (target not considered yet). */
    public Mono<Void> requireOnCollectivity(Actor actor, Permission permission, UUID collectivityId) {
        return access.require(actor, permission, collectivityId);
    }

    /**
     * Completes, with the actor's capacity, when they may act with {@code permission} on the card of
     * {@code personId} in the collectivity: 403 otherwise, 422 when the person holds no role there today.
     */
    public Mono<CardOrder.OrderedAs> requireForPerson(Actor actor, Permission permission, UUID collectivityId, UUID personId) {
        return access.require(actor, permission, collectivityId)
                .then(capacity(actor, collectivityId))
                .flatMap(capacity -> orders.rolesIn(personId, collectivityId, LocalDate.now(clock.withZone(FRANCE))).collectList()
                        .flatMap(roles -> checkTarget(capacity, roles)).thenReturn(capacity));
    }

    /** In which capacity the actor acts for this collectivity: national, its registration office, or its mayor or delegate. */
    Mono<CardOrder.OrderedAs> capacity(Actor actor, UUID collectivityId) {
        if (actor.grants().stream().anyMatch(grant -> grant.role() == Role.NATIONAL_ADMINISTRATOR)) {
            return Mono.just(CardOrder.OrderedAs.NATIONAL);
        }
        Set<UUID> offices = actor.scopesOf(Role.REGISTRATION_OFFICER);
        return collectivities.facts(collectivityId)
                .flatMap(facts -> Mono.justOrEmpty(facts.officeId()))
                .map(office -> offices.contains(office) ? CardOrder.OrderedAs.OFFICE : CardOrder.OrderedAs.COLLECTIVITY)
                .defaultIfEmpty(CardOrder.OrderedAs.COLLECTIVITY);
    }

    private static Mono<Void> checkTarget(CardOrder.OrderedAs capacity, List<String> roles) {
        if (roles.isEmpty()) {
            return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "order.person-not-member"));
        }
        boolean trustRole = roles.contains("mayor") || roles.contains("delegate");
        if (trustRole && capacity == CardOrder.OrderedAs.COLLECTIVITY) {
            return Mono.error(ProblemException.localized(ProblemType.FORBIDDEN, "order.trust-role-by-office"));
        }
        return Mono.empty();
    }
}
