package fr.cartesagents.ra.habilitation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of the habilitation requests (habilitations asked for oneself, four-eyes). */
@Repository
class HabilitationRequests {

    private static final String SELECT = "select id, person_id, collectivity_id, application, level, status, requested_at,"
            + " requested_by, decided_at, decided_by, decided_by_person, habilitation_id, version from habilitation_request";

    private final DatabaseClient database;

    HabilitationRequests(DatabaseClient database) {
        this.database = database;
    }

    Mono<Void> insert(HabilitationRequestView request) {
        return database.sql("insert into habilitation_request (id, person_id, collectivity_id, application, level, status,"
                        + " requested_at, requested_by) values (:id, :person, :collectivity, :application, :level, 'pending',"
                        + " :requestedAt, :requestedBy)")
                .bind("id", request.id())
                .bind("person", request.personId())
                .bind("collectivity", request.collectivityId())
                .bind("application", request.application())
                .bind("level", request.level())
                .bind("requestedAt", OffsetDateTime.ofInstant(request.requestedAt(), ZoneOffset.UTC))
                .bind("requestedBy", request.requestedBy())
                .then();
    }

    Mono<HabilitationRequestView> find(UUID id) {
        return database.sql(SELECT + " where id = :id").bind("id", id).map(HabilitationRequests::view).one();
    }

    Flux<HabilitationRequestView> of(UUID collectivityId, HabilitationRequestStatus status) {
        return database.sql(SELECT + " where collectivity_id = :collectivity and status = :status order by requested_at, id limit 500")
                .bind("collectivity", collectivityId).bind("status", status.databaseName())
                .map(HabilitationRequests::view).all();
    }

    /** Records the decision; 0 rows when the request is no longer pending at {@code expectedVersion}. */
    Mono<Long> decide(UUID id, long expectedVersion, HabilitationRequestStatus decision, Instant at, String by,
                      Optional<UUID> byPerson, Optional<UUID> habilitationId) {
        return database.sql("update habilitation_request set status = :status, decided_at = :at, decided_by = :by,"
                        + " decided_by_person = :byPerson, habilitation_id = :habilitation, version = version + 1"
                        + " where id = :id and version = :expected and status = 'pending'")
                .bind("status", decision.databaseName())
                .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .bind("by", by)
                .bind("byPerson", Parameter.fromOrEmpty(byPerson.orElse(null), UUID.class))
                .bind("habilitation", Parameter.fromOrEmpty(habilitationId.orElse(null), UUID.class))
                .bind("id", id)
                .bind("expected", expectedVersion)
                .fetch().rowsUpdated();
    }

    private static HabilitationRequestView view(Readable row) {
        OffsetDateTime decidedAt = row.get("decided_at", OffsetDateTime.class);
        return new HabilitationRequestView(row.get("id", UUID.class), row.get("person_id", UUID.class),
                row.get("collectivity_id", UUID.class), row.get("application", String.class), row.get("level", String.class),
                row.get("status", String.class), row.get("requested_at", OffsetDateTime.class).toInstant(),
                row.get("requested_by", String.class), decidedAt == null ? null : decidedAt.toInstant(),
                row.get("decided_by", String.class), row.get("decided_by_person", UUID.class),
                row.get("habilitation_id", UUID.class), row.get("version", Long.class));
    }
}
