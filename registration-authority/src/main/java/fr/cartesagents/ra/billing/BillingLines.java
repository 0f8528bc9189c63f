package fr.cartesagents.ra.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code billing_line} table, and the {@link BillingLedger} the order feature writes through. */
@Repository
class BillingLines implements BillingLedger {

    private final DatabaseClient database;
    private final AuditTrail audit;
    private final Clock clock;

    BillingLines(DatabaseClient database, AuditTrail audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** Joins the order's transaction; the same order and item twice is refused by a unique index. */
    @Override
    public Mono<Void> record(Line line) {
        return database.sql("insert into billing_line (id, collectivity_id, order_id, item, amount_cents, occurred_at, recorded_at)"
                        + " values (:id, :collectivity, :order, :item, :amount, :at, :now)")
                .bind("id", UUID.randomUUID())
                .bind("collectivity", line.collectivityId())
                .bind("order", Parameter.from(line.orderId()))
                .bind("item", line.item())
                .bind("amount", line.amountCents())
                .bind("at", utc(line.at()))
                .bind("now", utc(clock.instant()))
                .then();
    }

    @Override
    public Mono<Void> credit(Actor actor, UUID collectivityId, UUID orderId, Instant at) {
        return database.sql("insert into billing_line (id, collectivity_id, order_id, item, amount_cents, occurred_at, recorded_at,"
                        + " credits) select gen_random_uuid(), l.collectivity_id, l.order_id, 'credit:' || l.item, -l.amount_cents, :at, :now,"
                        + " l.id from billing_line l where l.order_id = :order and l.credits is null and l.amount_cents > 0"
                        + " and not exists (select 1 from billing_line c where c.credits = l.id)"
                        + " returning item, amount_cents, credits")
                .bind("order", orderId).bind("at", utc(at)).bind("now", utc(clock.instant()))
                .map(row -> Map.of("order", orderId.toString(), "item", row.get("item", String.class),
                        "amountCents", Integer.toString(row.get("amount_cents", Integer.class)),
                        "credits", row.get("credits", UUID.class).toString()))
                .all()
                .concatMap(details -> audit.append(AuditEntry.by(actor, Optional.of(collectivityId), BillingEvent.LINE_CREDITED,
                        BillingEvent.orderTarget(orderId), details)))
                .then();
    }

    /** The readers delivered to the collectivity so far, per application ({@code comedec}, {@code tes}). */
    Mono<Map<String, Integer>> readersDelivered(UUID collectivityId) {
        return database.sql("select application, sum(quantity) as delivered from reader_delivery where collectivity_id = :c"
                        + " group by application")
                .bind("c", collectivityId)
                .map(row -> Map.entry(row.get("application", String.class), row.get("delivered", Number.class).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The collectivity's lines with {@code from <= occurred_at < to}, in time order. */
    Flux<StatementLine> between(UUID collectivityId, Instant from, Instant to) {
        return database.sql("select occurred_at, item, order_id, amount_cents from billing_line where collectivity_id = :c"
                        + " and occurred_at >= :from and occurred_at < :to order by occurred_at, id")
                .bind("c", collectivityId).bind("from", utc(from)).bind("to", utc(to))
                .map(row -> new StatementLine(row.get("occurred_at", OffsetDateTime.class).toInstant(), row.get("item", String.class),
                        row.get("order_id", UUID.class), row.get("amount_cents", Integer.class)))
                .all();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
