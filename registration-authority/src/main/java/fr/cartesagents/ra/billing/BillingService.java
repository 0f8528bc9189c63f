package fr.cartesagents.ra.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTarget;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.collectivity.CollectivityQueries;
import fr.cartesagents.ra.convention.ConventionQueries;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.security.Role;
import reactor.core.publisher.Mono;

/**
 * Billing statements and reader allotments (annex 1 of the CARTES convention). The lines come from
 * the orders ({@link BillingLedger}); readers are counted against the annex: one per civil-status
 * workstation of an active COMEDEC convention, two per town hall with an active CARTES convention
 * (TES); a delivery beyond the allotment is refused, since the ANTS provides no other reader.
 */
@Service
class BillingService {

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final int TES_READERS_PER_TOWN_HALL = 2;

    private final BillingLines lines;
    private final AccessPolicy policy;
    private final AuditTrail audit;
    private final DatabaseClient database;
    private final CollectivityQueries collectivities;
    private final ConventionQueries conventions;
    private final Clock clock;

    BillingService(BillingLines lines, AccessPolicy policy, AuditTrail audit, DatabaseClient database,
                   CollectivityQueries collectivities, ConventionQueries conventions, Clock clock) {
        this.collectivities = collectivities;
        this.conventions = conventions;
        this.lines = lines;
        this.policy = policy;
        this.audit = audit;
        this.database = database;
        this.clock = clock;
    }

    /** The statement of {@code [from, to]} (days, Europe/Paris); the current calendar year by default. */
    Mono<BillingStatement> statement(Actor actor, UUID collectivityId, String from, String to) {
        return policy.require(actor, Permission.READ, collectivityId).then(Mono.defer(() -> {
            LocalDate today = LocalDate.now(clock.withZone(FRANCE));
            LocalDate first = day("from", from).orElse(today.withDayOfYear(1));
            LocalDate last = day("to", to).orElse(today.withMonth(12).withDayOfMonth(31));
            if (last.isBefore(first)) {
                return Mono.error(ProblemException.localized(ProblemType.VALIDATION_FAILED, "billing.period"));
            }
            Instant start = first.atStartOfDay(FRANCE).toInstant();
            Instant end = last.plusDays(1).atStartOfDay(FRANCE).toInstant();
            return lines.between(collectivityId, start, end).collectList()
                    .zipWith(allotments(collectivityId))
                    .map(found -> {
                        long total = found.getT1().stream().mapToLong(StatementLine::amountCents).sum();
                        return new BillingStatement(collectivityId, first, last, "EUR", found.getT1(), total, Euros.format(total),
                                found.getT2());
                    });
        }));
    }

    /** Records readers handed to the collectivity: its registration office or a national administrator, within the allotment. */
    Mono<Void> mayDeliverReaders(Actor actor, UUID collectivityId) {
        return policy.require(actor, Permission.HAND_OVER_CARDS, collectivityId)
                .then(Mono.defer(() -> actor.has(Role.REGISTRATION_OFFICER) || actor.grants().stream()
                        .anyMatch(g -> g.role() == Role.NATIONAL_ADMINISTRATOR && g.scope().isEmpty()) ? Mono.<Void>empty()
                        : Mono.error(ProblemException.localized(ProblemType.FORBIDDEN, "billing.readers-by-office"))));
    }

    /** Joins the idempotency transaction; locks the collectivity row so that two deliveries cannot both pass the allotment. */
    Mono<ReaderDeliveryView> deliverReaders(Actor actor, UUID collectivityId, ReaderDeliveryRequest request) {
        String application = request.application().strip().toLowerCase(java.util.Locale.ROOT);
        if (!application.equals("comedec") && !application.equals("tes")) {
            return Mono.error(ProblemException.localized(ProblemType.VALIDATION_FAILED, "billing.reader-application", application));
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        return collectivities.lock(collectivityId)
                .then(allotments(collectivityId))
                .flatMap(allotments -> {
                    ReaderAllotment allotment = allotments.stream().filter(a -> a.application().equals(application)).findFirst()
                            .orElseThrow();
                    if (request.quantity() > allotment.remaining()) {
                        return Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "billing.readers-beyond-allotment",
                                application, allotment.allowed(), allotment.delivered()));
                    }
                    return database.sql("insert into reader_delivery (id, collectivity_id, application, quantity, delivered_at,"
                                    + " delivered_by) values (:id, :c, :app, :q, :at, :by)")
                            .bind("id", id).bind("c", collectivityId).bind("app", application).bind("q", request.quantity())
                            .bind("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).bind("by", actor.auditName())
                            .then()
                            .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId), BillingEvent.READERS_DELIVERED,
                                    AuditTarget.of("collectivity", collectivityId),
                                    Map.of("application", application, "quantity", request.quantity().toString()))))
                            .then(allotments(collectivityId))
                            .map(after -> new ReaderDeliveryView(id, collectivityId, application, request.quantity(), now,
                                    after.stream().filter(a -> a.application().equals(application)).findFirst().orElseThrow()));
                });
    }

    /** COMEDEC: one reader per workstation of the active conventions' annexes; TES: two per town hall with an active CARTES convention. */
    private Mono<List<ReaderAllotment>> allotments(UUID collectivityId) {
        return Mono.zip(conventions.active(collectivityId, "comedec"), conventions.active(collectivityId, "cartes"),
                        collectivities.kindOf(collectivityId).defaultIfEmpty(""), lines.readersDelivered(collectivityId))
                .map(found -> List.of(
                        ReaderAllotment.of("comedec", (int) found.getT1().workstations(), found.getT4().getOrDefault("comedec", 0)),
                        ReaderAllotment.of("tes", found.getT2().any() && "commune".equals(found.getT3()) ? TES_READERS_PER_TOWN_HALL : 0,
                                found.getT4().getOrDefault("tes", 0))));
    }

    private static Optional<LocalDate> day(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "billing.date", name);
        }
    }
}
