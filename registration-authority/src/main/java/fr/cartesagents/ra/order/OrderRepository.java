package fr.cartesagents.ra.order;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ra.card.CardProfile;
import fr.cartesagents.ra.collectivity.CollectivityQueries;
import fr.cartesagents.ra.directory.PersonQueries;
import fr.cartesagents.ra.lifecycle.StateGuard;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code card_order} table, and the few facts about the directory and the conventions an order rests on. */
@Repository
class OrderRepository {

    private static final String COLUMNS = "o.id, o.collectivity_id, o.person_id, o.reason, o.card_profile, o.state, o.free_of_charge,"
            + " o.fee_cents, o.ordered_at, o.ordered_by, o.ordered_as, o.approved_at, o.approved_by, o.personalized_at,"
            + " o.delivered_at, o.cancelled_at, o.version, (select c.id from card c where c.order_id = o.id) as card_id";

    private final DatabaseClient database;
    private final CollectivityQueries collectivities;
    private final PersonQueries people;

    OrderRepository(DatabaseClient database, CollectivityQueries collectivities, PersonQueries people) {
        this.database = database;
        this.collectivities = collectivities;
        this.people = people;
    }

    Mono<CardOrder> find(UUID id) {
        return database.sql("select " + COLUMNS + " from card_order o where o.id = :id").bind("id", id)
                .map(OrderRepository::order).one();
    }

    Mono<CardOrder> lock(UUID id) {
        return database.sql("select " + COLUMNS + " from card_order o where o.id = :id for update of o").bind("id", id)
                .map(OrderRepository::order).one();
    }

    Flux<CardOrder> ofCollectivity(UUID collectivityId, Optional<OrderState> state, int page, int size) {
        return database.sql("select " + COLUMNS + " from card_order o where o.collectivity_id = :collectivity"
                        + " and (cast(:state as text) is null or o.state = :state) order by o.ordered_at desc, o.id"
                        + " limit :limit offset :offset")
                .bind("collectivity", collectivityId)
                .bind("state", Parameter.fromOrEmpty(state.map(OrderState::databaseName).orElse(null), String.class))
                .bind("limit", size).bind("offset", (long) page * size)
                .map(OrderRepository::order).all();
    }

    Mono<Long> countOfCollectivity(UUID collectivityId, Optional<OrderState> state) {
        return database.sql("select count(*) as n from card_order o where o.collectivity_id = :collectivity"
                        + " and (cast(:state as text) is null or o.state = :state)")
                .bind("collectivity", collectivityId)
                .bind("state", Parameter.fromOrEmpty(state.map(OrderState::databaseName).orElse(null), String.class))
                .map(row -> row.get("n", Long.class)).one();
    }

    Mono<Void> insert(CardOrder order, Optional<UUID> orderedByPerson) {
        return database.sql("insert into card_order (id, collectivity_id, person_id, reason, card_profile, state, free_of_charge,"
                        + " fee_cents, ordered_at, ordered_by, ordered_by_person, ordered_as) values (:id, :collectivity, :person,"
                        + " :reason, :profile, :state, :free, :fee, :at, :by, :byPerson, :as)")
                .bind("id", order.id()).bind("collectivity", order.collectivityId()).bind("person", order.personId())
                .bind("reason", order.reason().databaseName()).bind("profile", order.profile().databaseName())
                .bind("state", order.state().databaseName()).bind("free", order.freeOfCharge()).bind("fee", order.feeCents())
                .bind("at", utc(order.orderedAt())).bind("by", order.orderedBy())
                .bind("byPerson", Parameter.fromOrEmpty(orderedByPerson.orElse(null), UUID.class))
                .bind("as", order.orderedAs().databaseName())
                .then();
    }

    /** Moves the order by {@code action} if it is in a state the table allows it from; 1 row, or 0. */
    Mono<Long> move(UUID id, OrderAction action, Instant at, String by) {
        String dates = switch (action) {
            case APPROVE -> ", approved_at = :at, approved_by = :by";
            case CANCEL -> ", cancelled_at = :at, cancelled_by = :by";
            case PERSONALIZE -> ", personalized_at = :at";
            case DELIVER -> ", delivered_at = :at";
        };
        StateGuard guard = OrderLifecycle.TABLE.guard(action);
        var update = guard.bind(database.sql("update card_order set " + guard.set("state") + dates
                        + ", version = version + 1, updated_at = now() where id = :id and " + guard.where("state"))
                .bind("id", id).bind("at", utc(at)));
        if (action == OrderAction.APPROVE || action == OrderAction.CANCEL) {
            update = update.bind("by", by);
        }
        return update.fetch().rowsUpdated();
    }

    /** Free, not cancelled orders of the person in the collectivity since {@code since}, defective replacements left out. */
    Mono<Long> freeOrdersSince(UUID personId, UUID collectivityId, Instant since) {
        return database.sql("select count(*) as n from card_order where person_id = :person and collectivity_id = :collectivity"
                        + " and free_of_charge and state <> 'cancelled' and reason <> 'replacement_defect' and ordered_at >= :since")
                .bind("person", personId).bind("collectivity", collectivityId).bind("since", utc(since))
                .map(row -> row.get("n", Long.class)).one();
    }

    /**
     * The holder's directory record and their collectivity's names, for the subject of their
     * certificates; empty when either is unknown.
     */
    Mono<HolderRecord> holder(UUID personId, UUID collectivityId) {
        return people.record(personId)
                .map(person -> new HolderRecord(person.givenNames(), person.birthName(), person.usualName().orElse(null), null, null,
                        person.holderId(), person.status()))
                .zipWith(collectivities.facts(collectivityId), HolderRecord::in);
    }

    /** The person's status, locked for share until the caller's transaction ends (a departure waits for the order). */
    Mono<String> lockPersonStatus(UUID personId) {
        return people.statusLockedForShare(personId);
    }

    /** The roles ({@code agent}, {@code mayor}, {@code delegate}) the person holds in the collectivity on {@code day}. */
    Flux<String> rolesIn(UUID personId, UUID collectivityId, LocalDate day) {
        return people.rolesIn(personId, collectivityId, day);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Optional<Instant> instant(Readable row, String column) {
        return Optional.ofNullable(row.get(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static CardOrder order(Readable row) {
        return new CardOrder(row.get("id", UUID.class), row.get("collectivity_id", UUID.class), row.get("person_id", UUID.class),
                OrderReason.fromDatabaseName(row.get("reason", String.class)),
                CardProfile.fromDatabaseName(row.get("card_profile", String.class)),
                OrderState.fromDatabaseName(row.get("state", String.class)),
                Boolean.TRUE.equals(row.get("free_of_charge", Boolean.class)), row.get("fee_cents", Integer.class),
                row.get("ordered_at", OffsetDateTime.class).toInstant(), row.get("ordered_by", String.class),
                CardOrder.OrderedAs.valueOf(row.get("ordered_as", String.class).toUpperCase(java.util.Locale.ROOT)),
                instant(row, "approved_at"), Optional.ofNullable(row.get("approved_by", String.class)),
                instant(row, "personalized_at"), instant(row, "delivered_at"), instant(row, "cancelled_at"),
                Optional.ofNullable(row.get("card_id", UUID.class)), row.get("version", Long.class));
    }
}
