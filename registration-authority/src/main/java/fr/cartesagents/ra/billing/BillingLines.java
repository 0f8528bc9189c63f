package fr.cartesagents.ra.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code billing_line} table, and the {@link BillingLedger} the order feature writes through. */
@Repository
class BillingLines implements BillingLedger {

    private final DatabaseClient database;
    private final Clock clock;

    BillingLines(DatabaseClient database, Clock clock) {
        this.database = database;
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
