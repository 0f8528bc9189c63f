package fr.cartesagents.ra.collectivity;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.web.EntityVersion;
import fr.cartesagents.ra.web.VersionedChange;
import fr.cartesagents.ra.web.VersionedUpdates;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registration offices. Everybody sees the offices they work in or that serve a collectivity
 * they may read (a mayor needs to know where cards are handed over); national administrators
 * and auditors see all; only national administrators create and edit them.
 */
@Service
public class OfficeService {

    private final OfficeRepository offices;
    private final AccessPolicy policy;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;

    OfficeService(OfficeRepository offices, AccessPolicy policy, AuditTrail audit, TransactionalOperator transactions) {
        this.offices = offices;
        this.policy = policy;
        this.audit = audit;
        this.transactions = transactions;
    }

    public Flux<OfficeView> list(Actor actor) {
        return policy.readableCollectivities(actor).flatMapMany(scope -> {
            if (scope.all()) {
                return offices.all();
            }
            Set<UUID> own = new HashSet<>(actor.scopesOf(Role.REGISTRATION_OFFICER));
            return offices.visible(own, scope.ids());
        });
    }

    public Mono<OfficeView> find(Actor actor, UUID id) {
        return list(actor).filter(office -> office.id().equals(id)).next()
                .switchIfEmpty(Mono.defer(() -> offices.find(id).hasElement().flatMap(exists -> Mono.error(exists
                        ? ProblemException.localized(ProblemType.FORBIDDEN, "office.denied")
                        : ProblemException.localized(ProblemType.NOT_FOUND, "office.not-found", id.toString())))));
    }

    /** Creates an office; joins the caller's transaction (the idempotency layer's). */
    public Mono<OfficeView> create(Actor actor, NewOffice office) {
        UUID id = UUID.randomUUID();
        return policy.requireEverywhere(actor, Permission.ADMINISTER)
                .then(offices.codeTaken(office.code()))
                .flatMap(taken -> taken
                        ? Mono.<Void>error(ProblemException.localized(ProblemType.DUPLICATE, "office.duplicate", office.code()))
                        : offices.insert(id, office))
                .then(audit.append(AuditEntry.by(actor, Optional.empty(), OfficeEvent.CREATED, OfficeEvent.target(id),
                        Map.of("code", office.code(), "name", office.name(), "department", office.department()))))
                .then(offices.find(id));
    }

    public Mono<OfficeView> update(Actor actor, UUID id, Mono<VersionedChange<OfficeUpdate>> command) {
        return policy.requireEverywhere(actor, Permission.ADMINISTER)
                .then(offices.find(id).switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.NOT_FOUND,
                        "office.not-found", id.toString()))))
                .flatMap(current -> command.flatMap(asked -> {
                    EntityVersion expected = asked.expected();
                    OfficeUpdate update = asked.change();
                    return transactions.transactional(VersionedUpdates.requireUpdated(offices.update(id, expected.version(), update),
                                    expected, () -> offices.versionOf(id))
                            .then(audit.append(AuditEntry.by(actor, Optional.empty(), OfficeEvent.UPDATED, OfficeEvent.target(id),
                                    Map.of("name", update.name(), "department", update.department(), "previousName", current.name()))))
                            .then(offices.find(id)));
                }));
    }

}
