package fr.cartesagents.ra.habilitation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.directory.PersonQueries;
import fr.cartesagents.ra.lifecycle.StateGuard;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of the {@code habilitation} table, and the directory facts its rules read (through {@link PersonQueries}). */
@Component
class Habilitations {

    private static final String COLUMNS = "id, person_id, collectivity_id, application, level, status, depends_on, granted_at,"
            + " granted_by, granted_by_person, withdrawn_at, withdrawn_by, withdrawn_by_person, withdrawal_reason, version";
    private final DatabaseClient database;
    private final PersonQueries people;

    Habilitations(DatabaseClient database, PersonQueries people) {
        this.database = database;
        this.people = people;
    }

    /**
     * The person's status and current roles in the collectivity, read from the directory with share
     * locks: a departure (which updates these rows) waits for the grant to commit, then its own step
     * sees and withdraws what was granted; a grant that comes second sees the departure.
     */
    Mono<Standing> standing(UUID personId, UUID collectivityId, LocalDate today) {
        Mono<List<String>> roles = people.rolesInLockedForShare(personId, collectivityId, today).collectList();
        return people.statusLockedForShare(personId)
                .flatMap(s -> roles.map(r -> new Standing("active".equals(s), !r.isEmpty(), r.contains("mayor"))));
    }

    Mono<Boolean> hasCurrentDelegation(UUID personId, UUID collectivityId, Delegation kind, LocalDate today) {
        return people.holdsDelegation(personId, collectivityId, kind.databaseName(), today);
    }

    /**
     * The person's active habilitations for the application in those collectivities, each with whether
     * the person's COMEDEC habilitation there is active too (ACTES and HELIOS rest on it), by level.
     */
    Flux<ActiveRight> activeIn(UUID personId, Application application, Collection<UUID> collectivityIds) {
        return database.sql("select h.level, h.collectivity_id,"
                        + " exists(select 1 from habilitation x where x.person_id = h.person_id and x.collectivity_id = h.collectivity_id"
                        + "   and x.application = 'comedec' and x.status = 'active') as comedec"
                        + " from habilitation h where h.person_id = :person and h.application = :application and h.status = 'active'"
                        + " and h.collectivity_id = any(:collectivities) order by h.level")
                .bind("person", personId).bind("application", application.databaseName())
                .bind("collectivities", collectivityIds.toArray(UUID[]::new))
                .map(row -> new ActiveRight(Level.valueOf(row.get("level", String.class).toUpperCase(java.util.Locale.ROOT)),
                        row.get("collectivity_id", UUID.class), Boolean.TRUE.equals(row.get("comedec", Boolean.class))))
                .all();
    }

    /** The active COMEDEC habilitation of the person there, locked: its withdrawal cannot cross a grant that rests on it. */
    Mono<UUID> lockActiveComedec(UUID personId, UUID collectivityId) {
        return database.sql("select id from habilitation where person_id = :person and collectivity_id = :collectivity"
                        + " and application = 'comedec' and status = 'active' for update")
                .bind("person", personId).bind("collectivity", collectivityId)
                .map(row -> row.get("id", UUID.class))
                .first();
    }

    /** The active habilitations of the person there for the application (any level). */
    Flux<Habilitation> active(UUID personId, UUID collectivityId, Application application) {
        return database.sql("select " + COLUMNS + " from habilitation where person_id = :person and collectivity_id = :collectivity"
                        + " and application = :application and status = 'active'")
                .bind("person", personId).bind("collectivity", collectivityId).bind("application", application.databaseName())
                .map(Habilitations::habilitation)
                .all();
    }

    Flux<Habilitation> allActive(UUID personId, UUID collectivityId) {
        return database.sql("select " + COLUMNS + " from habilitation where person_id = :person and collectivity_id = :collectivity"
                        + " and status = 'active' order by (application in ('actes', 'helios')) desc, granted_at")
                .bind("person", personId).bind("collectivity", collectivityId)
                .map(Habilitations::habilitation)
                .all();
    }

    Flux<Habilitation> activeDependents(UUID comedecId) {
        return database.sql("select " + COLUMNS + " from habilitation where depends_on = :comedec and status = 'active'")
                .bind("comedec", comedecId)
                .map(Habilitations::habilitation)
                .all();
    }

    Mono<Void> insert(Habilitation h) {
        return database.sql("insert into habilitation (id, person_id, collectivity_id, application, level, status, depends_on,"
                        + " granted_at, granted_by, granted_by_person) values (:id, :person, :collectivity, :application, :level,"
                        + " 'active', :dependsOn, :grantedAt, :grantedBy, :grantedByPerson)")
                .bind("id", h.id()).bind("person", h.personId()).bind("collectivity", h.collectivityId())
                .bind("application", h.application().databaseName()).bind("level", h.level().databaseName())
                .bind("dependsOn", Parameter.fromOrEmpty(h.dependsOn().orElse(null), UUID.class))
                .bind("grantedAt", utc(h.grantedAt())).bind("grantedBy", h.grantedBy())
                .bind("grantedByPerson", Parameter.fromOrEmpty(h.grantedByPerson().orElse(null), UUID.class))
                .then();
    }

    Mono<Habilitation> find(UUID id) {
        return database.sql("select " + COLUMNS + " from habilitation where id = :id")
                .bind("id", id)
                .map(Habilitations::habilitation)
                .one();
    }

    Flux<Habilitation> list(UUID collectivityId, Optional<UUID> personId, Optional<Application> application,
                            Optional<HabilitationStatus> status, int limit, long offset) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from habilitation where collectivity_id = :collectivity");
        personId.ifPresent(p -> sql.append(" and person_id = :person"));
        application.ifPresent(a -> sql.append(" and application = :application"));
        status.ifPresent(s -> sql.append(" and status = :status"));
        sql.append(" order by granted_at, id limit :limit offset :offset");
        DatabaseClient.GenericExecuteSpec query = database.sql(sql.toString()).bind("collectivity", collectivityId)
                .bind("limit", limit).bind("offset", offset);
        if (personId.isPresent()) {
            query = query.bind("person", personId.get());
        }
        if (application.isPresent()) {
            query = query.bind("application", application.get().databaseName());
        }
        if (status.isPresent()) {
            query = query.bind("status", status.get().databaseName());
        }
        return query.map(Habilitations::habilitation).all();
    }

    /** The person's habilitations in the collectivities of {@code scope}, newest first. */
    Flux<Habilitation> ofPerson(UUID personId, fr.cartesagents.ra.security.CollectivityScope scope) {
        String sql = "select " + COLUMNS + " from habilitation where person_id = :person"
                + (scope.all() ? "" : " and collectivity_id = any(:collectivities)") + " order by granted_at desc, id";
        DatabaseClient.GenericExecuteSpec query = database.sql(sql).bind("person", personId);
        if (!scope.all()) {
            query = query.bind("collectivities", scope.idArray());
        }
        return query.map(Habilitations::habilitation).all();
    }

    /** Withdraws the habilitation if it is still active at {@code expectedVersion}; the number of rows changed (0 or 1). */
    Mono<Long> withdraw(UUID id, long expectedVersion, Instant at, String by, Optional<UUID> byPerson, WithdrawalReason reason) {
        StateGuard guard = HabilitationStatus.LIFECYCLE.guard(HabilitationStatus.Action.WITHDRAW, "status");
        return guard.bind(database.sql("update habilitation set " + guard.set("status") + ", withdrawn_at = :at, withdrawn_by = :by,"
                        + " withdrawn_by_person = :byPerson, withdrawal_reason = :reason, version = version + 1"
                        + " where id = :id and version = :expected and " + guard.where("status")))
                .bind("at", utc(at)).bind("by", by)
                .bind("byPerson", Parameter.fromOrEmpty(byPerson.orElse(null), UUID.class))
                .bind("reason", reason.databaseName()).bind("id", id).bind("expected", expectedVersion)
                .fetch()
                .rowsUpdated();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Habilitation habilitation(Readable row) {
        return new Habilitation(
                row.get("id", UUID.class), row.get("person_id", UUID.class), row.get("collectivity_id", UUID.class),
                Application.valueOf(row.get("application", String.class).toUpperCase(java.util.Locale.ROOT)),
                Level.valueOf(row.get("level", String.class).toUpperCase(java.util.Locale.ROOT)),
                HabilitationStatus.fromDatabaseName(row.get("status", String.class)),
                Optional.ofNullable(row.get("depends_on", UUID.class)),
                row.get("granted_at", OffsetDateTime.class).toInstant(), row.get("granted_by", String.class),
                Optional.ofNullable(row.get("granted_by_person", UUID.class)),
                Optional.ofNullable(row.get("withdrawn_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                Optional.ofNullable(row.get("withdrawn_by", String.class)),
                Optional.ofNullable(row.get("withdrawn_by_person", UUID.class)),
                Optional.ofNullable(row.get("withdrawal_reason", String.class)),
                row.get("version", Long.class));
    }

    /** An active habilitation as the check reads it. */
    record ActiveRight(Level level, UUID collectivityId, boolean comedecActive) {
    }

    /** What the grant rules need to know about the person in the collectivity. */
    record Standing(boolean active, boolean member, boolean mayor) {
    }
}
