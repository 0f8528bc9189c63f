package fr.cartesagents.ra.revocation;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.collectivity.CollectivityQueries;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.security.Role;
import reactor.core.publisher.Mono;

/**
 * Revocation of a card by an authenticated caller (Art. VI): its holder, the mayor or a delegate of
 * its collectivity, its registration office or a national administrator, each with the reasons of
 * their capacity ({@link RevokerCapacity}).
 */
@Service
class CardRevocationService {

    private final CardQueries cards;
    private final AccessPolicy policy;
    private final CardRevoker revoker;
    private final CollectivityQueries collectivities;

    CardRevocationService(CardQueries cards, AccessPolicy policy, CardRevoker revoker, CollectivityQueries collectivities) {
        this.cards = cards;
        this.policy = policy;
        this.revoker = revoker;
        this.collectivities = collectivities;
    }

    /** The capacities in which the actor may revoke this card: 404 without such a card, 403 when none. */
    Mono<Set<RevokerCapacity>> authorize(Actor actor, UUID cardId) {
        return cards.find(cardId)
                .switchIfEmpty(Mono.error(() -> CardTransitions.notFound(cardId)))
                .flatMap(card -> capacities(actor, card))
                .flatMap(capacities -> capacities.isEmpty()
                        ? Mono.error(ProblemException.localized(ProblemType.FORBIDDEN, "revocation.denied"))
                        : Mono.just(capacities));
    }

    /** Revokes the card; joins the caller's (idempotency) transaction. */
    Mono<CardRevocationView> revoke(Actor actor, UUID cardId, Set<RevokerCapacity> capacities, CardRevocationRequest request) {
        CardRevocationReason reason = CardRevocationReason.fromApiName(request.reason())
                .orElseThrow(() -> ProblemException.localized(ProblemType.VALIDATION_FAILED, "revocation.unknown-reason",
                        request.reason(), CardRevocationReason.apiNames()));
        // The narrowest capacity that allows the reason is the one recorded (declaration order).
        RevokerCapacity capacity = capacities.stream().filter(c -> c.may(reason)).findFirst()
                .orElseThrow(() -> ProblemException.localized(ProblemType.FORBIDDEN, "revocation.reason-not-allowed",
                        reason.apiName()));
        return revoker.revoke(actor, cardId, reason, capacity);
    }

    /** The holder, the card managers of its collectivity, its office: a caller may be several of these. */
    private Mono<Set<RevokerCapacity>> capacities(Actor actor, Card card) {
        Set<RevokerCapacity> capacities = EnumSet.noneOf(RevokerCapacity.class);
        if (actor.isPerson(card.personId())) {
            capacities.add(RevokerCapacity.HOLDER);
        }
        return policy.allows(actor, Permission.ORDER_CARDS, card.collectivityId())
                .flatMap(allowed -> !allowed ? Mono.just(capacities) : officeOf(card.collectivityId()).map(office -> {
                    boolean national = actor.grants().stream()
                            .anyMatch(grant -> grant.role() == Role.NATIONAL_ADMINISTRATOR && grant.scope().isEmpty());
                    if (national || office.filter(actor.scopesOf(Role.REGISTRATION_OFFICER)::contains).isPresent()) {
                        capacities.add(RevokerCapacity.OFFICE);
                    }
                    if (actor.scopesOf(Role.MAYOR).contains(card.collectivityId())
                            || actor.scopesOf(Role.DELEGATE).contains(card.collectivityId())) {
                        capacities.add(RevokerCapacity.CARD_MANAGER);
                    }
                    return capacities;
                }));
    }

    private Mono<Optional<UUID>> officeOf(UUID collectivityId) {
        return collectivities.facts(collectivityId).map(CollectivityQueries.CollectivityFacts::officeId).defaultIfEmpty(Optional.empty());
    }
}
