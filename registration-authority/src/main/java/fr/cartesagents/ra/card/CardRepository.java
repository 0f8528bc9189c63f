package fr.cartesagents.ra.card;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ra.lifecycle.StateGuard;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code card} table: the reads of {@link CardQueries} and the writes of {@link CardTransitions}. */
@Repository
class CardRepository implements CardQueries {

    private static final String COLUMNS = "id, order_id, card_serial, atr, card_profile, person_id, collectivity_id,"
            + " authentication_serial, signature_serial, state, personalized_at, expires_at, delivered_at, activated_at,"
            + " revoked_at, revocation_reason, version, pin_blocked_since";

    private final DatabaseClient database;

    CardRepository(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<Card> find(UUID cardId) {
        return database.sql("select " + COLUMNS + " from card where id = :id").bind("id", cardId).map(CardRepository::card).one();
    }

    @Override
    public Mono<Card> lock(UUID cardId) {
        return database.sql("select " + COLUMNS + " from card where id = :id for update").bind("id", cardId)
                .map(CardRepository::card).one();
    }

    @Override
    public Mono<Card> findByCardSerial(String cardSerial) {
        return database.sql("select " + COLUMNS + " from card where card_serial = :serial").bind("serial", cardSerial)
                .map(CardRepository::card).one();
    }

    @Override
    public Mono<Card> findByCertificateSerial(String certificateSerial) {
        return database.sql("select " + COLUMNS + " from card where authentication_serial = :serial or signature_serial = :serial")
                .bind("serial", certificateSerial).map(CardRepository::card).one();
    }

    @Override
    public Flux<Card> ofPerson(UUID personId) {
        return database.sql("select " + COLUMNS + " from card where person_id = :person order by personalized_at desc, id")
                .bind("person", personId).map(CardRepository::card).all();
    }

    @Override
    public Flux<Card> ofPerson(UUID personId, UUID collectivityId) {
        return database.sql("select " + COLUMNS + " from card where person_id = :person and collectivity_id = :collectivity"
                        + " order by personalized_at desc, id")
                .bind("person", personId).bind("collectivity", collectivityId).map(CardRepository::card).all();
    }

    @Override
    public Flux<Card> ofCollectivity(UUID collectivityId, CardFilter filter, int page, int size) {
        return filtered("select " + COLUMNS + " from card where " + FILTERED + " order by personalized_at desc, id"
                + " limit :limit offset :offset", collectivityId, filter)
                .bind("limit", size).bind("offset", (long) page * size)
                .map(CardRepository::card).all();
    }

    @Override
    public Mono<Long> countOfCollectivity(UUID collectivityId, CardFilter filter) {
        return filtered("select count(*) as n from card where " + FILTERED, collectivityId, filter)
                .map(row -> row.get("n", Long.class)).one();
    }

    /** The conditions of a {@link CardFilter}; an absent criterion binds null and keeps every card. */
    private static final String FILTERED = "collectivity_id = :collectivity"
            + " and (cardinality(cast(:states as text[])) = 0 or state = any(cast(:states as text[])))"
            + " and (cast(:pinBlocked as boolean) is null or (pin_blocked_since is not null) = cast(:pinBlocked as boolean))"
            + " and (cast(:expiringBefore as timestamptz) is null or expires_at < cast(:expiringBefore as timestamptz))";

    private DatabaseClient.GenericExecuteSpec filtered(String sql, UUID collectivityId, CardFilter filter) {
        return database.sql(sql)
                .bind("collectivity", collectivityId)
                .bind("states", filter.states().stream().map(CardState::databaseName).sorted().toArray(String[]::new))
                .bind("pinBlocked", Parameter.fromOrEmpty(filter.pinBlocked().orElse(null), Boolean.class))
                .bind("expiringBefore", Parameter.fromOrEmpty(filter.expiringBefore().map(CardRepository::utc).orElse(null),
                        OffsetDateTime.class));
    }

    Mono<Void> insert(Card card, String personalizedBy) {
        return database.sql("insert into card (id, order_id, card_serial, atr, card_profile, person_id, collectivity_id,"
                        + " authentication_serial, signature_serial, state, personalized_at, expires_at, personalized_by)"
                        + " values (:id, :order, :serial, :atr, :profile, :person, :collectivity, :authentication, :signature,"
                        + " :state, :personalizedAt, :expiresAt, :by)")
                .bind("id", card.id()).bind("order", card.orderId()).bind("serial", card.cardSerial())
                .bind("atr", Parameter.fromOrEmpty(card.atr().orElse(null), String.class))
                .bind("profile", card.profile().databaseName()).bind("person", card.personId())
                .bind("collectivity", card.collectivityId()).bind("authentication", card.authenticationSerial())
                .bind("signature", card.signatureSerial()).bind("state", card.state().databaseName())
                .bind("personalizedAt", utc(card.personalizedAt())).bind("expiresAt", utc(card.expiresAt()))
                .bind("by", personalizedBy)
                .then();
    }

    /**
     * Moves the card by {@code action} if it is in a state the table lets the action start from: 1
     * row, or 0 when it is not (moved meanwhile). The dates the new state carries are set with it.
     */
    Mono<Long> move(UUID cardId, CardAction action, Instant at, String by, Optional<String> reason) {
        String dates = switch (action) {
            case DELIVER -> ", delivered_at = :at, delivered_by = :by";
            case ACTIVATE -> ", activated_at = :at";
            case REVOKE -> ", revoked_at = :at, revocation_reason = :reason";
            case EXPIRE -> "";
        };
        StateGuard guard = CardLifecycle.TABLE.guard(action);
        var update = guard.bind(database.sql("update card set " + guard.set("state") + dates
                        + ", version = version + 1, updated_at = now() where id = :id and " + guard.where("state"))
                .bind("id", cardId));
        if (action == CardAction.DELIVER || action == CardAction.ACTIVATE || action == CardAction.REVOKE) {
            update = update.bind("at", utc(at));
        }
        if (action == CardAction.DELIVER) {
            update = update.bind("by", by);
        }
        if (action == CardAction.REVOKE) {
            update = update.bind("reason", reason.orElseThrow(() -> new IllegalArgumentException("a revocation needs a reason")));
        }
        return update.fetch().rowsUpdated();
    }

    /**
     * Expires up to {@code batch} cards whose end ({@code expires_at}) is at or before {@code now}, in
     * one statement: the rows are claimed with {@code skip locked}, so two instances running it together
     * never take the same card, and a card another transaction moved meanwhile (revoked) no longer
     * matches the guard. Each expired card, with the state it left.
     */
    Flux<ExpiredCard> expireDue(Instant now, int batch) {
        StateGuard guard = CardLifecycle.TABLE.guard(CardAction.EXPIRE);
        return guard.bind(database.sql("update card c set " + guard.set("state") + ", version = c.version + 1, updated_at = now()"
                        + " from (select id, state from card where " + guard.where("state") + " and expires_at <= :now"
                        + "   order by expires_at, id limit :batch for update skip locked) due"
                        + " where c.id = due.id and " + guard.where("c.state")
                        + " returning c.id, c.collectivity_id, c.card_serial, c.expires_at, due.state as left_state"))
                .bind("now", utc(now)).bind("batch", batch)
                .map(row -> new ExpiredCard(row.get("id", UUID.class), row.get("collectivity_id", UUID.class),
                        row.get("card_serial", String.class), row.get("expires_at", OffsetDateTime.class).toInstant(),
                        CardState.fromDatabaseName(row.get("left_state", String.class))))
                .all();
    }

    /** A card {@link #expireDue} expired, and the state it was in. */
    record ExpiredCard(UUID id, UUID collectivityId, String cardSerial, Instant expiresAt, CardState from) {
    }

    /** Points the card at its renewed certificates (new keys on the same card). */
    Mono<Long> replaceCertificates(UUID cardId, String authenticationSerial, String signatureSerial) {
        return database.sql("update card set authentication_serial = :authentication, signature_serial = :signature,"
                        + " version = version + 1, updated_at = now() where id = :id and state in ('delivered', 'active')")
                .bind("id", cardId).bind("authentication", authenticationSerial).bind("signature", signatureSerial)
                .fetch().rowsUpdated();
    }

    /** Records the PIN as blocked from {@code at}, unless it already is: 1 row when it was not. */
    Mono<Long> markPinBlocked(UUID cardId, Instant at) {
        return database.sql("update card set pin_blocked_since = :at where id = :id and pin_blocked_since is null")
                .bind("id", cardId).bind("at", utc(at)).fetch().rowsUpdated();
    }

    /** The PIN works again: 1 row when it was recorded as blocked. */
    Mono<Long> clearPinBlocked(UUID cardId) {
        return database.sql("update card set pin_blocked_since = null where id = :id and pin_blocked_since is not null")
                .bind("id", cardId).fetch().rowsUpdated();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Optional<Instant> instant(Readable row, String column) {
        return Optional.ofNullable(row.get(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    static Card card(Readable row) {
        return new Card(row.get("id", UUID.class), row.get("order_id", UUID.class), row.get("card_serial", String.class),
                Optional.ofNullable(row.get("atr", String.class)),
                CardProfile.fromDatabaseName(row.get("card_profile", String.class)),
                row.get("person_id", UUID.class), row.get("collectivity_id", UUID.class),
                row.get("authentication_serial", String.class), row.get("signature_serial", String.class),
                CardState.fromDatabaseName(row.get("state", String.class)),
                row.get("personalized_at", OffsetDateTime.class).toInstant(),
                row.get("expires_at", OffsetDateTime.class).toInstant(),
                instant(row, "delivered_at"), instant(row, "activated_at"), instant(row, "revoked_at"),
                Optional.ofNullable(row.get("revocation_reason", String.class)),
                row.get("version", Long.class), instant(row, "pin_blocked_since"));
    }
}
