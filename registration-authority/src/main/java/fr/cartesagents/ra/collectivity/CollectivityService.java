package fr.cartesagents.ra.collectivity;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ra.audit.AuditDetails;
import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.directory.CardManagers;
import fr.cartesagents.ra.web.EntityVersion;
import fr.cartesagents.ra.web.JsonRequests;
import fr.cartesagents.ra.web.ResultPage;
import fr.cartesagents.ra.web.VersionedChange;
import fr.cartesagents.ra.web.VersionedUpdates;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import reactor.core.publisher.Mono;

/**
 * Communes, groupings and their reference data. Anyone reads the collectivities their roles let
 * them see; only national administrators change reference data; the mayor (or an administrator)
 * records whether the mayor manages the cards personally. Every change is audited in its own
 * transaction.
 */
@Service
public class CollectivityService {

    private final CollectivityRepository collectivities;
    private final OfficeRepository offices;
    private final AccessPolicy policy;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final JsonRequests requests;
    private final CardManagers cardManagers;

    CollectivityService(CollectivityRepository collectivities, OfficeRepository offices, AccessPolicy policy, AuditTrail audit,
                        TransactionalOperator transactions, JsonRequests requests, CardManagers cardManagers) {
        this.collectivities = collectivities;
        this.cardManagers = cardManagers;
        this.offices = offices;
        this.policy = policy;
        this.audit = audit;
        this.transactions = transactions;
        this.requests = requests;
    }

    public Mono<ResultPage<CollectivityView>> search(Actor actor, CollectivitySearch search) {
        return policy.readableCollectivities(actor)
                .flatMap(scope -> Mono.fromCallable(() -> requests.valid(search)).then(collectivities.search(search, scope)));
    }

    public Mono<CollectivityView> find(Actor actor, UUID id) {
        return policy.require(actor, Permission.READ, id).then(collectivities.find(id));
    }

    /** Creates a collectivity; joins the caller's transaction (the idempotency layer's). */
    public Mono<CollectivityView> create(Actor actor, NewCollectivity request) {
        return policy.requireEverywhere(actor, Permission.ADMINISTER).then(Mono.defer(() -> {
            CollectivityKind kind = CollectivityKind.fromDatabaseName(request.kind());
            Optional<String> siren = siren(request.siren());
            String department = kind.isGrouping() ? groupingChecks(request) : communeChecks(request);
            UUID id = UUID.randomUUID();
            return unique("insee_code", Optional.ofNullable(request.inseeCode()))
                    .then(unique("siren", siren))
                    .then(officeExists(Optional.ofNullable(request.registrationOfficeId())))
                    .then(kind.isGrouping() ? membersAreCommunes(kind, request.members()) : Mono.empty())
                    .then(collectivities.insert(id, kind, Optional.ofNullable(request.inseeCode()), siren, request.name().strip(),
                            department, Optional.ofNullable(request.legalForm()), Optional.ofNullable(request.registrationOfficeId())))
                    .then(kind.isGrouping() ? collectivities.insertMembers(id, request.members(), false) : Mono.empty())
                    .onErrorMap(DuplicateKeyException.class, e -> ProblemException.localized(ProblemType.DUPLICATE,
                            "collectivity.duplicate"))
                    .then(recorded(actor, id, CollectivityEvent.CREATED, AuditDetails.of("kind", kind.databaseName(),
                            "inseeCode", request.inseeCode(), "siren", siren.orElse(null), "name", request.name().strip(),
                            "members", String.valueOf(request.members().size()))));
        }));
    }

    public Mono<CollectivityView> update(Actor actor, UUID id, Mono<VersionedChange<CollectivityUpdate>> command) {
        return administered(actor, id, command)
                .flatMap(asked -> {
                    EntityVersion expected = asked.expected();
                    CollectivityUpdate update = asked.change();
                    Optional<String> siren = siren(update.siren());
                    return transactions.transactional(collectivities.find(id).flatMap(current -> {
                        CollectivityKind kind = CollectivityKind.fromDatabaseName(current.kind());
                        String department = kind == CollectivityKind.COMMUNE && InseeCode.isValid(current.inseeCode())
                                ? departmentOfCommune(current.inseeCode(), update.department())
                                : Optional.ofNullable(update.department()).orElse(current.department());
                        Mono<Void> sirenFree = siren.equals(Optional.ofNullable(current.siren())) ? Mono.empty() : unique("siren", siren);
                        return sirenFree
                                .then(versioned(collectivities.update(id, expected.version(), update.name().strip(), siren, department,
                                        Optional.ofNullable(update.legalForm())), expected, id))
                                .onErrorMap(DuplicateKeyException.class, e -> ProblemException.localized(ProblemType.DUPLICATE,
                                        "collectivity.duplicate"))
                                .then(recorded(actor, id, CollectivityEvent.UPDATED, AuditDetails.of("name", update.name().strip(),
                                        "siren", siren.orElse(null), "department", department, "previousName", current.name())));
                    }));
                });
    }

    public Mono<CollectivityView> assignOffice(Actor actor, UUID id, Mono<VersionedChange<OfficeAssignment>> command) {
        return administered(actor, id, command)
                .flatMap(asked -> {
                    EntityVersion expected = asked.expected();
                    OfficeAssignment assignment = asked.change();
                    return transactions.transactional(officeExists(Optional.of(assignment.registrationOfficeId()))
                            .then(versioned(collectivities.assignOffice(id, expected.version(), assignment.registrationOfficeId()),
                                    expected, id))
                            .then(recorded(actor, id, CollectivityEvent.OFFICE_ASSIGNED,
                                    Map.of("registrationOfficeId", assignment.registrationOfficeId().toString()))));
                });
    }

    public Mono<CollectivityView> replaceMembers(Actor actor, UUID id, Mono<VersionedChange<GroupingMembers>> command) {
        return administered(actor, id, command)
                .flatMap(asked -> {
                    EntityVersion expected = asked.expected();
                    GroupingMembers members = asked.change();
                    return transactions.transactional(collectivities.find(id).flatMap(current -> {
                        CollectivityKind kind = CollectivityKind.fromDatabaseName(current.kind());
                        if (!kind.isGrouping()) {
                            return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "collectivity.not-a-grouping"));
                        }
                        List<UUID> distinct = List.copyOf(new java.util.LinkedHashSet<>(members.memberIds()));
                        return membersAreCommunes(kind, distinct)
                                .then(Mono.defer(() -> distinct.contains(id) ? Mono.error(ProblemException.localized(
                                        ProblemType.RULE_VIOLATED, "collectivity.member-not-commune", id.toString())) : Mono.empty()))
                                .then(versioned(collectivities.replaceMembers(id, expected.version(), distinct), expected, id))
                                .then(recorded(actor, id, CollectivityEvent.MEMBERS_REPLACED,
                                        Map.of("members", String.join(",", distinct.stream().map(UUID::toString).toList()),
                                                "previousMembers", String.join(",", current.memberIds().stream().map(UUID::toString).toList()))));
                    }));
                });
    }

    /** The mayor's own choice (article VI of the CARTES convention); national administrators may record it too. */
    public Mono<CollectivityView> setCardManagement(Actor actor, UUID id, Mono<VersionedChange<CardManagement>> command) {
        return policy.require(actor, Permission.APPOINT_DELEGATES, id)
                .then(command)
                .flatMap(asked -> {
                    EntityVersion expected = asked.expected();
                    CardManagement choice = asked.change();
                    // Updated first: the row lock then orders this change with a delegate's dismissal or departure.
                    return transactions.transactional(versioned(collectivities.setCardManagement(id, expected.version(),
                                    choice.mayorManagesCards()), expected, id)
                            .then(choice.mayorManagesCards() ? Mono.empty() : requireADelegate(id))
                            .then(recorded(actor, id, CollectivityEvent.CARD_MANAGEMENT_CHANGED,
                                    Map.of("mayorManagesCards", choice.mayorManagesCards().toString()))));
                });
    }

    /** The end of an optimistic update of the collectivity's row: 412 naming its current version when it moved on. */
    private Mono<Void> versioned(Mono<Long> rowsUpdated, EntityVersion expected, UUID id) {
        return VersionedUpdates.requireUpdated(rowsUpdated, expected, () -> collectivities.versionOf(id));
    }

    /** The end of every change: its audit event (in the change's transaction), then the collectivity as it now is. */
    private Mono<CollectivityView> recorded(Actor actor, UUID id, CollectivityEvent event, Map<String, String> details) {
        return audit.append(AuditEntry.by(actor, Optional.of(id), event, CollectivityEvent.target(id), details))
                .then(collectivities.find(id));
    }

    /** The last-delegate rule: the mayor stops managing the cards personally only if a delegate does. */
    private Mono<Void> requireADelegate(UUID id) {
        return cardManagers.hasADelegate(id).flatMap(delegate -> delegate ? Mono.<Void>empty()
                : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "directory.last-delegate")));
    }

    /** National administrators only, on this collectivity; then the command (If-Match, body). */
    private <T> Mono<VersionedChange<T>> administered(Actor actor, UUID id, Mono<VersionedChange<T>> command) {
        return policy.requireEverywhere(actor, Permission.ADMINISTER)
                .then(policy.require(actor, Permission.ADMINISTER, id))
                .then(command);
    }

    private static String communeChecks(NewCollectivity request) {
        if (!request.members().isEmpty()) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "collectivity.commune-without-members");
        }
        return departmentOfCommune(required(request.inseeCode(), "inseeCode"), request.department());
    }

    private static String groupingChecks(NewCollectivity request) {
        if (request.inseeCode() != null) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "collectivity.grouping-without-insee");
        }
        return required(request.department(), "department");
    }

    private static String departmentOfCommune(String inseeCode, String declared) {
        if (!InseeCode.isValid(inseeCode)) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "collectivity.insee-invalid", inseeCode);
        }
        String department = new InseeCode(inseeCode).department().code();
        if (declared != null && !declared.equals(department)) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "collectivity.department-mismatch", declared, inseeCode);
        }
        return department;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "collectivity.field-required", field);
        }
        return value;
    }

    static Optional<String> siren(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Siren(value).value());
        } catch (IllegalArgumentException e) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "collectivity.siren-invalid", value);
        }
    }

    private Mono<Void> unique(String column, Optional<String> value) {
        return value.map(v -> collectivities.exists(column, v).flatMap(taken -> taken
                        ? Mono.<Void>error(ProblemException.localized(ProblemType.DUPLICATE, "collectivity.already-exists", column, v))
                        : Mono.empty()))
                .orElse(Mono.empty());
    }

    private Mono<Void> officeExists(Optional<UUID> office) {
        return office.map(id -> offices.find(id).hasElement().flatMap(found -> found ? Mono.<Void>empty()
                        : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "collectivity.office-unknown", id.toString()))))
                .orElse(Mono.empty());
    }

    /** A shared municipal police needs two communes at least, an EPCI one; every member must be an existing commune. */
    private Mono<Void> membersAreCommunes(CollectivityKind kind, List<UUID> members) {
        int minimum = kind == CollectivityKind.MUNICIPAL_POLICE_GROUPING ? 2 : 1;
        Set<UUID> distinct = new HashSet<>(members);
        if (distinct.size() < minimum) {
            return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "collectivity.too-few-members", minimum));
        }
        return collectivities.kindsOf(List.copyOf(distinct)).collectList().flatMap(found -> {
            Set<UUID> communes = new HashSet<>();
            found.stream().filter(member -> member.kind() == CollectivityKind.COMMUNE).forEach(member -> communes.add(member.id()));
            Optional<UUID> wrong = distinct.stream().filter(id -> !communes.contains(id)).sorted().findFirst();
            return wrong.isPresent()
                    ? Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "collectivity.member-not-commune",
                            wrong.get().toString()))
                    : Mono.empty();
        });
    }

}
