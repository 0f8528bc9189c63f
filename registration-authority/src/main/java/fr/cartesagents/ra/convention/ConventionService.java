package fr.cartesagents.ra.convention;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditDetails;
import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.collectivity.CollectivityQueries;
import fr.cartesagents.ra.directory.CardManagers;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.web.ResultPage;
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
 * Conventions and their lifecycle. National administrators draft them, move them through the
 * state machine ({@link ConventionAction}) and keep their annex; the mayors, delegates, officers
 * and auditors who may read a party collectivity read them. A COMEDEC convention suspended or
 * terminated suspends the CARTES conventions of the same communes in the same transaction
 * (article VIII of the COMEDEC convention, IX of CARTES); reactivating that COMEDEC convention
 * reactivates the CARTES conventions it had suspended, and those only.
 */
@Service
public class ConventionService {

    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    static final String SYSTEM = "system:convention-terminations";

    private final ConventionRepository conventions;
    private final CollectivityQueries collectivities;
    private final CardManagers cardManagers;
    private final AccessPolicy policy;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final Clock clock;

    ConventionService(ConventionRepository conventions, CollectivityQueries collectivities, CardManagers cardManagers,
                      AccessPolicy policy, AuditTrail audit, TransactionalOperator transactions, Clock clock) {
        this.conventions = conventions;
        this.collectivities = collectivities;
        this.cardManagers = cardManagers;
        this.policy = policy;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(FRANCE));
    }

    public Mono<ResultPage<ConventionView>> search(Actor actor, Optional<UUID> collectivity, Optional<String> kind,
                                                   Optional<String> state, int page, int size) {
        return policy.readableCollectivities(actor).flatMap(scope -> {
            if (collectivity.isPresent() && !scope.includes(collectivity.get())) {
                return policy.require(actor, Permission.READ, collectivity.get()).then(Mono.empty());
            }
            return Mono.fromCallable(() -> new SearchFilters(kind, state, page, size))
                    .flatMap(filters -> conventions.search(scope, collectivity, filters.kind(), filters.state(), page, size))
                    .map(found -> new ResultPage<>(found.items().stream().map(row -> row.view(today())).toList(), found.page(),
                            found.size(), found.total()));
        });
    }

    public Mono<ConventionView> find(Actor actor, UUID id) {
        return readable(actor, id).map(row -> row.view(today()));
    }

    /** Drafts a convention; joins the caller's transaction (the idempotency layer's). */
    public Mono<ConventionView> create(Actor actor, NewConvention request) {
        ConventionKind kind = ConventionKind.fromDatabaseName(request.kind());
        List<UUID> parties = List.copyOf(new java.util.LinkedHashSet<>(request.partyIds()));
        ConventionAnnex annex = Optional.ofNullable(request.annex()).map(ConventionService::withDelegates).orElse(ConventionAnnex.empty());
        UUID id = UUID.randomUUID();
        return policy.requireEverywhere(actor, Permission.ADMINISTER)
                .then(partiesAreCommunes(kind, parties))
                .then(delegatesBelongToParties(annex, parties))
                .then(conventions.insert(id, kind, request.reference(), parties, annex))
                .then(audit.append(AuditEntry.by(actor, parties.stream().findFirst(), ConventionEvent.CREATED, ConventionEvent.target(id),
                        AuditDetails.of("kind", kind.databaseName(), "parties", join(parties), "reference", request.reference()))))
                .then(conventions.find(id))
                .map(row -> row.view(today()));
    }

    public Mono<ConventionView> replaceAnnex(Actor actor, UUID id, Mono<VersionedChange<ConventionAnnex>> command) {
        return administered(actor, id).flatMap(current -> command.flatMap(asked -> {
            ConventionAnnex annex = withDelegates(asked.change());
            if (current.state() == ConventionState.TERMINATED) {
                return Mono.error(ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, "convention.terminated-annex"));
            }
            return transactions.transactional(delegatesBelongToParties(annex, current.partyIds())
                    .then(VersionedUpdates.requireUpdated(conventions.updateAnnex(id, asked.expected().version(), annex),
                            asked.expected(), () -> conventions.versionOf(id)))
                    .then(audit.append(AuditEntry.by(actor, current.auditCollectivity(), ConventionEvent.ANNEX_REPLACED,
                            ConventionEvent.target(id), AuditDetails.of("delegates", join(annex.delegateIds()),
                                    "officers", string(annex.officers()), "agents", string(annex.agents()),
                                    "workstations", string(annex.workstations())))))
                    .then(conventions.find(id)).map(row -> row.view(today())));
        }));
    }

    public Mono<ConventionView> transition(Actor actor, UUID id, Mono<VersionedChange<TransitionRequest>> command) {
        return administered(actor, id).flatMap(current -> command.flatMap(asked -> {
            TransitionRequest request = asked.change();
            ConventionAction action = ConventionAction.fromApiName(request.action());
            LocalDate today = today();
            LocalDate on = Optional.ofNullable(request.on()).orElse(today);
            if (on.isAfter(today)) {
                throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "convention.date-in-future", on.toString());
            }
            ConventionState next = ConventionLifecycle.TABLE.next(action, current.state());
            return transactions.transactional(reactivationAllowed(action, current)
                    .then(VersionedUpdates.requireUpdated(conventions.transition(id, asked.expected().version(), action, on,
                                    Optional.empty()), asked.expected(), () -> conventions.versionOf(id)))
                    .then(audit.append(AuditEntry.by(actor, current.auditCollectivity(), action, ConventionEvent.target(id),
                            AuditDetails.of("from", current.state().databaseName(), "to", next.databaseName(), "on", on.toString(),
                                    "reason", request.reason()))))
                    .then(cascade(actor.auditName(), actor, current, next))
                    .then(conventions.find(id)).map(row -> row.view(today)));
        }));
    }

    /**
     * Ends the notice of the conventions whose termination date has come (a COMEDEC one suspends
     * its communes' CARTES conventions with it), in one transaction. Returns how many ended.
     */
    public Mono<Long> terminateDue(LocalDate today) {
        return transactions.transactional(conventions.terminateDue(today)
                .concatMap(ended -> audit.append(AuditEntry.bySystem(SYSTEM, ended.party(), ConventionEvent.TERMINATED,
                                ConventionEvent.target(ended.id()), Map.of("on", today.toString())))
                        .then(ended.kind().filter(ConventionKind.COMEDEC::equals).isPresent()
                                ? suspendCartes(SYSTEM, Optional.empty(), ended.id()).then() : Mono.empty())
                        .thenReturn(ended))
                .count());
    }

    /** The CARTES side of a COMEDEC move (suspended or terminated → suspend; reactivated → lift what it suspended). */
    private Mono<Void> cascade(String auditName, Actor actor, ConventionRow current, ConventionState next) {
        if (current.kind() != ConventionKind.COMEDEC) {
            return Mono.empty();
        }
        if (next == ConventionState.SUSPENDED || next == ConventionState.TERMINATED) {
            return suspendCartes(auditName, Optional.of(actor), current.id()).then();
        }
        if (current.state() == ConventionState.SUSPENDED && next == ConventionState.ACTIVE) {
            return conventions.reactivateCartesOf(current.id())
                    .concatMap(lifted -> audit.append(entry(auditName, Optional.of(actor), lifted.party(), ConventionEvent.REACTIVATED,
                            lifted.id(), Map.of("cause", "comedec-reactivated", "comedecConventionId", current.id().toString()))))
                    .then();
        }
        return Mono.empty();
    }

    private Flux<?> suspendCartes(String auditName, Optional<Actor> actor, UUID comedec) {
        return conventions.suspendCartesOf(comedec)
                .concatMap(suspended -> audit.append(entry(auditName, actor, suspended.party(), ConventionEvent.SUSPENDED,
                        suspended.id(),
                        Map.of("cause", "comedec-suspended-or-terminated", "comedecConventionId", comedec.toString()))));
    }

    private static AuditEntry entry(String auditName, Optional<Actor> actor, Optional<UUID> collectivity, AuditAction action, UUID id,
                                    Map<String, String> details) {
        return actor.map(a -> AuditEntry.by(a, collectivity, action, ConventionEvent.target(id), details))
                .orElseGet(() -> AuditEntry.bySystem(auditName, collectivity, action, ConventionEvent.target(id), details));
    }

    /**
     * A CARTES convention suspended because its COMEDEC convention is suspended comes back with
     * that COMEDEC convention, not on its own; if the COMEDEC convention was terminated instead,
     * the administrators may reactivate the CARTES convention (cards serve TES or SAIP too).
     */
    private Mono<Void> reactivationAllowed(ConventionAction action, ConventionRow current) {
        if (action != ConventionAction.REACTIVATE || current.suspendedBy().isEmpty()) {
            return Mono.empty();
        }
        return conventions.find(current.suspendedBy().get())
                .flatMap(comedec -> comedec.state() == ConventionState.SUSPENDED
                        ? Mono.<Void>error(ProblemException.localized(ProblemType.RULE_VIOLATED, "convention.comedec-suspended",
                                comedec.id().toString()))
                        : Mono.empty());
    }

    private Mono<ConventionRow> readable(Actor actor, UUID id) {
        return conventions.find(id)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(row -> policy.readableCollectivities(actor).flatMap(scope -> row.partyIds().stream().anyMatch(scope::includes)
                        ? Mono.just(row)
                        : Mono.error(ProblemException.localized(ProblemType.FORBIDDEN, "convention.denied"))));
    }

    private Mono<ConventionRow> administered(Actor actor, UUID id) {
        return policy.requireEverywhere(actor, Permission.ADMINISTER)
                .then(conventions.find(id))
                .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    private Mono<Void> partiesAreCommunes(ConventionKind kind, List<UUID> parties) {
        if (kind.singleParty() && parties.size() != 1) {
            return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "convention.single-party", kind.databaseName()));
        }
        return collectivities.communesAmong(parties).collect(HashSet<UUID>::new, Set::add)
                .flatMap(communes -> parties.stream().filter(party -> !communes.contains(party)).findFirst()
                        .map(wrong -> Mono.<Void>error(ProblemException.localized(ProblemType.RULE_VIOLATED, "convention.party-not-commune",
                                wrong.toString())))
                        .orElse(Mono.empty()));
    }

    private Mono<Void> delegatesBelongToParties(ConventionAnnex annex, List<UUID> parties) {
        if (annex.delegateIds().isEmpty()) {
            return Mono.empty();
        }
        return cardManagers.trustRoleHoldersAmong(annex.delegateIds(), parties)
                .flatMap(found -> found == annex.delegateIds().size() ? Mono.<Void>empty()
                        : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "convention.delegate-not-designatable")));
    }

    private static ConventionAnnex withDelegates(ConventionAnnex annex) {
        List<UUID> delegates = annex.delegateIds() == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(annex.delegateIds()));
        return new ConventionAnnex(delegates, annex.officers(), annex.agents(), annex.workstations());
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.localized(ProblemType.NOT_FOUND, "convention.not-found", id.toString());
    }

    private static String join(List<UUID> ids) {
        return String.join(",", ids.stream().map(UUID::toString).toList());
    }

    private static String string(Integer value) {
        return value == null ? null : value.toString();
    }

    /** Validated list filters. */
    private record SearchFilters(Optional<ConventionKind> kind, Optional<ConventionState> state) {

        SearchFilters(Optional<String> kind, Optional<String> state, int page, int size) {
            this(kind.map(value -> parse(value, "kind", ConventionKind::fromDatabaseName)),
                    state.map(value -> parse(value, "state", ConventionState::fromDatabaseName)));
            if (page < 0 || page > 100_000 || size < 1 || size > 200) {
                throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "request.invalid", "page, size");
            }
        }

        private static <T> T parse(String value, String field, java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "request.invalid", field);
            }
        }
    }
}
