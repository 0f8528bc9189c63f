package fr.cartesagents.ra.order;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.billing.BillingLedger;
import fr.cartesagents.ra.card.CardProfile;
import fr.cartesagents.ra.convention.ConventionQueries;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.AccessPolicy;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Permission;
import fr.cartesagents.ra.web.EntityVersion;
import fr.cartesagents.ra.web.ResultPage;
import reactor.core.publisher.Mono;

/**
 * Card orders: who may order a card for whom (Art. III, VI, VII of the CARTES convention), what it
 * costs (annex 1), and the approval by the registration office. Each change is written with its
 * audit event in the caller's transaction (the idempotency layer's for a creation).
 */
@Service
public class OrderService {

    private final OrderRepository orders;
    private final CardOperators operators;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final ObjectProvider<BillingLedger> billing;
    private final OrderNotices notices;
    private final ConventionQueries conventions;
    private final TransactionalOperator transactions;
    private final Clock clock;

    OrderService(OrderRepository orders, CardOperators operators, AccessPolicy access, AuditTrail audit, ObjectProvider<BillingLedger> billing,
                 OrderNotices notices, ConventionQueries conventions, TransactionalOperator transactions, Clock clock) {
        this.orders = orders;
        this.operators = operators;
        this.access = access;
        this.audit = audit;
        this.billing = billing;
        this.notices = notices;
        this.conventions = conventions;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Completes when the actor may order cards in the collectivity (before the body is even read). */
    Mono<Void> authorizeOrdering(Actor actor, UUID collectivityId) {
        return operators.requireOnCollectivity(actor, Permission.ORDER_CARDS, collectivityId);
    }

    /** Creates the order; joins the caller's transaction. Call {@link #authorizeOrdering} first. */
    Mono<CardOrder> create(Actor actor, UUID collectivityId, NewOrderRequest request) {
        OrderReason reason = OrderReason.fromApiName(request.reason()).orElseThrow(() -> ProblemException.localized(
                ProblemType.VALIDATION_FAILED, "order.unknown-reason", request.reason(),
                Arrays.stream(OrderReason.values()).map(OrderReason::databaseName).toList().toString()));
        CardProfile profile = request.cardProfile() == null ? CardProfile.STANDARD : CardProfile.fromDatabaseName(request.cardProfile());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return orders.lockPersonStatus(request.personId())
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.PERSON_NOT_FOUND, "order.person-not-member")))
                .flatMap(status -> "departed".equals(status)
                        ? Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "order.person-departed"))
                        : operators.requireForPerson(actor, Permission.ORDER_CARDS, collectivityId, request.personId()))
                .flatMap(capacity -> requireActiveConvention(collectivityId, "cartes", "order.no-active-cartes")
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
                                            OrderEvent.CREATED, OrderEvent.target(order.id()),
                                            Map.of("person", request.personId().toString(), "reason", reason.databaseName(),
                                                    "cardProfile", profile.databaseName(), "orderedAs", capacity.databaseName(),
                                                    "feeCents", Integer.toString(fee)))))
                                    .then(charge(order))
                                    .then(notices.orderCreated(order))
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

    /** A page of the collectivity's orders, newest first (whoever may read the collectivity). */
    Mono<ResultPage<OrderView>> ofCollectivity(Actor actor, UUID collectivityId, Optional<String> state, int page, int size) {
        return access.require(actor, Permission.READ, collectivityId)
                .then(Mono.fromCallable(() -> state.map(name -> parseState(name))))
                .flatMap(filter -> Mono.zip(orders.ofCollectivity(collectivityId, filter, page, size).map(OrderView::of).collectList(),
                        orders.countOfCollectivity(collectivityId, filter)))
                .map(found -> new ResultPage<>(found.getT1(), page, size, found.getT2()));
    }

    private static OrderState parseState(String name) {
        try {
            return OrderState.fromDatabaseName(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "order.unknown-state", name);
        }
    }

    /** {@code approve} (the registration office) or {@code cancel} (whoever may order it), in one transaction with its audit event. */
    Mono<CardOrder> transition(Actor actor, UUID orderId, Optional<EntityVersion> expected, Mono<OrderTransitionRequest> body) {
        return transactions.transactional(orders.lock(orderId)
                .switchIfEmpty(Mono.error(() -> notFound(orderId)))
                .flatMap(order -> body.flatMap(request -> {
                    OrderAction action = OrderAction.requestable(request.action()).orElseThrow(() -> ProblemException.localized(
                            ProblemType.VALIDATION_FAILED, "order.unknown-action", request.action()));
                    Mono<Void> allowed = action == OrderAction.APPROVE
                            ? access.require(actor, Permission.APPROVE_CARD_ORDERS, order.collectivityId())
                            : operators.requireForPerson(actor, Permission.ORDER_CARDS, order.collectivityId(), order.personId()).then();
                    return allowed.then(Mono.defer(() -> {
                        if (expected.isPresent() && expected.get().version() != order.version()) {
                            throw EntityVersion.stale(expected.get().version(), order.version());
                        }
                        return move(actor, order, action, Map.of())
                                .flatMap(moved -> action == OrderAction.CANCEL ? credit(actor, moved).thenReturn(moved) : Mono.just(moved));
                    }));
                })));
    }

    /** The body is read only once the order is found, so that an unknown id is a 404 whatever the body. */
    Mono<CardOrder> move(Actor actor, CardOrder order, OrderAction action, Map<String, String> details) {
        OrderState next = OrderLifecycle.TABLE.next(action, order.state());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        java.util.HashMap<String, String> event = new java.util.HashMap<>(details);
        event.put("from", order.state().databaseName());
        event.put("to", next.databaseName());
        return orders.move(order.id(), action, now, actor.auditName())
                .flatMap(updated -> updated == 1 ? Mono.just(updated)
                        : Mono.error(OrderLifecycle.TABLE.refusal(action, order.state())))
                .then(audit.append(AuditEntry.by(actor, Optional.of(order.collectivityId()), action,
                        OrderEvent.target(order.id()), event)))
                .then(orders.find(order.id()));
    }

    private Mono<Void> requireActiveConvention(UUID collectivityId, String kind, String messageKey) {
        return conventions.active(collectivityId, kind)
                .flatMap(active -> active.any() ? Mono.<Void>empty()
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

    /** A cancelled charged order is credited (annex 1: only the cards handed out are charged), in the cancellation's transaction. */
    private Mono<Void> credit(Actor actor, CardOrder cancelled) {
        BillingLedger ledger = billing.getIfAvailable();
        if (cancelled.freeOfCharge() || ledger == null) {
            return Mono.empty();
        }
        return ledger.credit(actor, cancelled.collectivityId(), cancelled.id(), clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    static ProblemException notFound(UUID orderId) {
        return ProblemException.localized(ProblemType.NOT_FOUND, "order.not-found", orderId.toString());
    }
}
