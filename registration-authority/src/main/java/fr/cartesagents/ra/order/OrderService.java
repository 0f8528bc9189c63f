package fr.cartesagents.ra.order;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.billing.BillingLedger;
import fr.cartesagents.ra.card.CardProfile;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.security.Role;
import reactor.core.publisher.Mono;

/**
 * Card orders: who may order a card for whom (Art. III, VI, VII of the CARTES convention), what it
 * costs (annex 1), and the approval by the registration office. Each change is written with its
 * audit event in the caller's transaction (the idempotency layer's for a creation).
 */
@Service
public class OrderService {

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final OrderRepository orders;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final ObjectProvider<BillingLedger> billing;
    private final TransactionalOperator transactions;
    private final Clock clock;

    OrderService(OrderRepository orders, AccessPolicy access, AuditTrail audit, ObjectProvider<BillingLedger> billing,
                 TransactionalOperator transactions, Clock clock) {
        this.orders = orders;
        this.access = access;
        this.audit = audit;
        this.billing = billing;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Completes when the actor may order cards in the collectivity (before the body is even read). */
    Mono<Void> authorizeOrdering(Actor actor, UUID collectivityId) {
        return access.require(actor, Permission.ORDER_CARDS, collectivityId);
    }

    /** Creates the order; joins the caller's transaction. Call {@link #authorizeOrdering} first. */
    Mono<CardOrder> create(Actor actor, UUID collectivityId, NewOrderRequest request) {
        OrderReason reason = OrderReason.fromApiName(request.reason()).orElseThrow(() -> ProblemException.localized(
                ProblemType.VALIDATION_FAILED, "order.unknown-reason", request.reason(),
                Arrays.stream(OrderReason.values()).map(OrderReason::databaseName).toList().toString()));
        CardProfile profile = request.cardProfile() == null ? CardProfile.STANDARD : CardProfile.fromDatabaseName(request.cardProfile());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.ofInstant(now, FRANCE);
        return authorizeOrdering(actor, collectivityId)
                .then(capacity(actor, collectivityId))
                .flatMap(capacity -> orders.lockPersonStatus(request.personId())
                        .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.PERSON_NOT_FOUND,
                                "order.person-not-member")))
                        .flatMap(status -> "departed".equals(status)
                                ? Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "order.person-departed"))
                                : orders.rolesIn(request.personId(), collectivityId, today).collectList())
                        .flatMap(roles -> checkTarget(capacity, roles))
                        .then(requireActiveConvention(collectivityId, "cartes", "order.no-active-cartes"))
                        .then(profile == CardProfile.A05 ? requireActiveConvention(collectivityId, "pve", "order.no-active-pve")
                                : Mono.empty())
                        .then(orders.freeOrdersSince(request.personId(), collectivityId,
                                now.atOffset(ZoneOffset.UTC).minus(Fees.QUOTA_PERIOD).toInstant()))
                        .flatMap(freeInPeriod -> {
                            int fee = Fees.feeCents(reason, freeInPeriod);
                            CardOrder order = new CardOrder(UUID.randomUUID(), collectivityId, request.personId(), reason, profile,
                                    OrderState.REQUESTED, fee == 0, fee, now, actor.auditName(), capacity, Optional.empty(),
                                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
                            return orders.insert(order, actor.personId())
                                    .onErrorMap(DataIntegrityViolationException.class,
                                            e -> ProblemException.localized(ProblemType.DUPLICATE, "order.already-open"))
                                    .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId),
                                            OrderAuditAction.CREATED.auditName(), target(order.id()),
                                            Map.of("person", request.personId().toString(), "reason", reason.databaseName(),
                                                    "cardProfile", profile.databaseName(), "orderedAs", capacity.databaseName(),
                                                    "feeCents", Integer.toString(fee)))))
                                    .then(charge(order))
                                    .then(orders.find(order.id()));
                        }));
    }

    /** Reads an order: the person it is for, or whoever may read its collectivity. 404 when there is none. */
    Mono<CardOrder> find(Actor actor, UUID orderId) {
        return orders.find(orderId)
                .switchIfEmpty(Mono.error(() -> notFound(orderId)))
                .flatMap(order -> actor.isPerson(order.personId()) ? Mono.just(order)
                        : access.require(actor, Permission.READ, order.collectivityId()).thenReturn(order));
    }

    /** {@code approve} (the registration office) or {@code cancel} (whoever may order it), in one transaction with its audit event. */
    Mono<CardOrder> transition(Actor actor, UUID orderId, Mono<OrderTransitionRequest> body) {
        return transactions.transactional(orders.lock(orderId)
                .switchIfEmpty(Mono.error(() -> notFound(orderId)))
                .flatMap(order -> body.flatMap(request -> {
                    OrderAction action = OrderAction.requestable(request.action()).orElseThrow(() -> ProblemException.localized(
                            ProblemType.VALIDATION_FAILED, "order.unknown-action", request.action()));
                    Mono<Void> allowed = action == OrderAction.APPROVE
                            ? access.require(actor, Permission.APPROVE_CARD_ORDERS, order.collectivityId())
                            : authorizeOrdering(actor, order.collectivityId())
                                    .then(capacity(actor, order.collectivityId()))
                                    .flatMap(capacity -> orders.rolesIn(order.personId(), order.collectivityId(),
                                            LocalDate.ofInstant(clock.instant(), FRANCE)).collectList()
                                            .flatMap(roles -> checkTarget(capacity, roles)));
                    return allowed.then(Mono.defer(() -> move(actor, order, action, Map.of())));
                })));
    }

    /** The body is read only once the order is found, so that an unknown id is a 404 whatever the body. */
    Mono<CardOrder> move(Actor actor, CardOrder order, OrderAction action, Map<String, String> details) {
        action.from(order.state());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        java.util.HashMap<String, String> event = new java.util.HashMap<>(details);
        event.put("from", order.state().databaseName());
        event.put("to", action.to().databaseName());
        return orders.move(order.id(), action, now, actor.auditName())
                .flatMap(updated -> updated == 1 ? Mono.just(updated) : Mono.error(action.refusal(order.state())))
                .then(audit.append(AuditEntry.by(actor, Optional.of(order.collectivityId()), OrderAuditAction.of(action).auditName(),
                        target(order.id()), event)))
                .then(orders.find(order.id()));
    }

    /** In which capacity the actor orders for this collectivity: national, its registration office, or its mayor or delegate. */
    private Mono<CardOrder.OrderedAs> capacity(Actor actor, UUID collectivityId) {
        if (actor.grants().stream().anyMatch(grant -> grant.role() == Role.NATIONAL_ADMINISTRATOR)) {
            return Mono.just(CardOrder.OrderedAs.NATIONAL);
        }
        Set<UUID> offices = actor.scopesOf(Role.REGISTRATION_OFFICER);
        return orders.officeOf(collectivityId)
                .map(office -> offices.contains(office) ? CardOrder.OrderedAs.OFFICE : CardOrder.OrderedAs.COLLECTIVITY)
                .defaultIfEmpty(CardOrder.OrderedAs.COLLECTIVITY);
    }

    /**
     * The person must hold a role in the collectivity today; the cards of the mayor and the delegates
     * are ordered by the registration office (Art. III), not by a colleague of the same commune.
     */
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

    private Mono<Void> requireActiveConvention(UUID collectivityId, String kind, String messageKey) {
        return orders.activeConvention(collectivityId, kind)
                .flatMap(active -> active ? Mono.<Void>empty()
                        : Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, messageKey)));
    }

    /** A charged order is a billing line, in the order's transaction, when the billing feature is there. */
    private Mono<Void> charge(CardOrder order) {
        BillingLedger ledger = billing.getIfAvailable();
        if (order.freeOfCharge() || ledger == null) {
            return Mono.empty();
        }
        return ledger.record(new BillingLedger.Line(order.collectivityId(), order.id(), "card-replacement:" + order.reason().databaseName(),
                order.feeCents(), order.orderedAt()));
    }

    static String target(UUID orderId) {
        return "card-order:" + orderId;
    }

    static ProblemException notFound(UUID orderId) {
        return ProblemException.localized(ProblemType.NOT_FOUND, "order.not-found", orderId.toString());
    }
}
