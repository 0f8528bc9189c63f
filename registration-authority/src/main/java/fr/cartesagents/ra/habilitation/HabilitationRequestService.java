package fr.cartesagents.ra.habilitation;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.web.EntityVersion;
import fr.cartesagents.ra.web.VersionedUpdates;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The habilitations managers asked for themselves ({@link HabilitationService#grant}), decided by
 * another manager of the collectivity: the approval grants the habilitation as that manager (with
 * every rule of a grant checked again at that moment), a rejection closes the request. Both are
 * audited with the request, in one transaction; the person who asked can neither approve nor
 * reject it.
 */
@Service
record HabilitationRequestService(HabilitationRequests requests, HabilitationService habilitations, AccessPolicy access,
                                  AuditTrail audit, TransactionalOperator transactions) {

    /** The collectivity's requests in {@code status} (pending by default), oldest first: what its managers have to decide. */
    Flux<HabilitationRequestView> list(Actor actor, UUID collectivityId, Optional<String> status) {
        return access.require(actor, Permission.READ, collectivityId).thenMany(Flux.defer(() ->
                requests.of(collectivityId, status.map(HabilitationRequestService::status).orElse(HabilitationRequestStatus.PENDING))));
    }

    Mono<HabilitationRequestView> read(Actor actor, UUID collectivityId, UUID id) {
        return access.require(actor, Permission.READ, collectivityId).then(find(collectivityId, id));
    }

    Mono<HabilitationRequestView> approve(Actor actor, UUID collectivityId, UUID id, Mono<EntityVersion> ifMatch) {
        return decide(actor, collectivityId, id, ifMatch, HabilitationRequestStatus.APPROVED);
    }

    Mono<HabilitationRequestView> reject(Actor actor, UUID collectivityId, UUID id, Mono<EntityVersion> ifMatch) {
        return decide(actor, collectivityId, id, ifMatch, HabilitationRequestStatus.REJECTED);
    }

    private Mono<HabilitationRequestView> decide(Actor actor, UUID collectivityId, UUID id, Mono<EntityVersion> ifMatch,
                                                 HabilitationRequestStatus decision) {
        return transactions.transactional(habilitations.requireManager(actor, collectivityId)
                .then(ifMatch)
                .flatMap(expected -> find(collectivityId, id).flatMap(pending -> {
                    if (actor.isPerson(pending.personId())) {
                        return Mono.error(ProblemException.localized(ProblemType.FORBIDDEN, "habilitation.four-eyes"));
                    }
                    if (!pending.pending()) {
                        return Mono.error(ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "habilitation.request-decided",
                                pending.status()));
                    }
                    Mono<Optional<UUID>> granted = decision == HabilitationRequestStatus.APPROVED
                            ? habilitations.grantChecked(actor, collectivityId, new GrantHabilitationRequest(pending.personId(),
                                    pending.application(), pending.level())).map(habilitation -> Optional.of(habilitation.id()))
                            : Mono.just(Optional.empty());
                    return granted.flatMap(habilitation -> VersionedUpdates.requireUpdated(requests.decide(id, expected.version(),
                                    decision, habilitations.now(), actor.auditName(), actor.personId(), habilitation),
                                    expected, pending.version())
                            .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId),
                                    "habilitation.request-" + decision.databaseName(), "habilitation_request:" + id,
                                    details(pending, habilitation)))))
                            .then(requests.find(id));
                })));
    }

    private static Map<String, String> details(HabilitationRequestView request, Optional<UUID> habilitation) {
        Map<String, String> details = new java.util.HashMap<>(Map.of("person", request.personId().toString(),
                "application", request.application(), "level", request.level(), "requestedBy", request.requestedBy()));
        habilitation.ifPresent(id -> details.put("habilitation", id.toString()));
        return details;
    }

    private Mono<HabilitationRequestView> find(UUID collectivityId, UUID id) {
        return requests.find(id)
                .filter(found -> found.collectivityId().equals(collectivityId))
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND, "habilitation.request-not-found",
                        id.toString())));
    }

    private static HabilitationRequestStatus status(String name) {
        for (HabilitationRequestStatus status : HabilitationRequestStatus.values()) {
            if (status.databaseName().equals(name)) {
                return status;
            }
        }
        throw ProblemException.invalidField("status", "habilitation.unknown-status", name);
    }
}
