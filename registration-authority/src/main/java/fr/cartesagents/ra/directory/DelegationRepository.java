package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of the mayor's delegations ({@code delegation}, V6). */
@Repository
class DelegationRepository {

    private static final String SELECT = "select id, person_id, collectivity_id, kind, starts_on, ends_on, decided_by,"
            + " reference, version from delegation";

    private final DatabaseClient database;

    DelegationRepository(DatabaseClient database) {
        this.database = database;
    }

    Mono<Void> insert(UUID id, UUID collectivityId, DelegationRequest request, LocalDate startsOn, UUID decidedBy) {
        return database.sql("insert into delegation (id, person_id, collectivity_id, kind, starts_on, ends_on, decided_by,"
                        + " reference) values (:id, :person, :collectivity, :kind, :startsOn, :endsOn, :decidedBy, :reference)")
                .bind("id", id).bind("person", request.personId()).bind("collectivity", collectivityId)
                .bind("kind", request.kind().databaseName()).bind("startsOn", startsOn)
                .bind("endsOn", Parameter.fromOrEmpty(request.endsOn(), LocalDate.class))
                .bind("decidedBy", Parameter.fromOrEmpty(decidedBy, UUID.class))
                .bind("reference", request.reference())
                .then();
    }

    /** Whether the person holds an open delegation of that kind (not ended before {@code day}). */
    Mono<Boolean> openExists(UUID personId, UUID collectivityId, DelegationKind kind, LocalDate day) {
        return database.sql("select 1 from delegation where person_id = :person and collectivity_id = :collectivity"
                        + " and kind = :kind and (ends_on is null or ends_on >= :day)")
                .bind("person", personId).bind("collectivity", collectivityId).bind("kind", kind.databaseName())
                .bind("day", day)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    Flux<DelegationView> of(UUID collectivityId) {
        return database.sql(SELECT + " where collectivity_id = :collectivity order by starts_on desc, id")
                .bind("collectivity", collectivityId).map(DelegationRepository::view).all();
    }

    Mono<DelegationView> find(UUID id) {
        return database.sql(SELECT + " where id = :id").bind("id", id).map(DelegationRepository::view).one();
    }

    Mono<Long> end(UUID id, long expectedVersion, LocalDate endsOn) {
        return database.sql("update delegation set ends_on = :endsOn, version = version + 1 where id = :id"
                        + " and version = :expected")
                .bind("endsOn", endsOn).bind("id", id).bind("expected", expectedVersion)
                .fetch().rowsUpdated();
    }

    private static DelegationView view(Readable row) {
        return new DelegationView(row.get("id", UUID.class), row.get("person_id", UUID.class),
                row.get("collectivity_id", UUID.class), row.get("kind", String.class),
                row.get("starts_on", LocalDate.class), row.get("ends_on", LocalDate.class),
                row.get("decided_by", UUID.class), row.get("reference", String.class), row.get("version", Long.class));
    }
}
