package fr.cartesagents.ra.habilitation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.Readable;
import fr.cartesagents.ra.lifecycle.StateGuard;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of the {@code relying_application} table. */
@Component
class RelyingApplications {

    private static final String COLUMNS = "id, name, fingerprint_sha256, applications, status, registered_at, registered_by, version";

    private final DatabaseClient database;

    RelyingApplications(DatabaseClient database) {
        this.database = database;
    }

    Mono<Void> insert(RelyingApplication application) {
        return database.sql("insert into relying_application (id, name, fingerprint_sha256, applications, status, registered_at,"
                        + " registered_by) values (:id, :name, :fingerprint, :applications, 'enabled', :at, :by)")
                .bind("id", application.id()).bind("name", application.name())
                .bind("fingerprint", application.fingerprintSha256())
                .bind("applications", application.applications().toArray(String[]::new))
                .bind("at", OffsetDateTime.ofInstant(application.registeredAt(), ZoneOffset.UTC))
                .bind("by", application.registeredBy())
                .then();
    }

    Mono<RelyingApplication> byFingerprint(String fingerprintSha256) {
        return database.sql("select " + COLUMNS + " from relying_application where fingerprint_sha256 = :fingerprint")
                .bind("fingerprint", fingerprintSha256)
                .map(RelyingApplications::row)
                .one();
    }

    Mono<RelyingApplication> find(UUID id) {
        return database.sql("select " + COLUMNS + " from relying_application where id = :id")
                .bind("id", id)
                .map(RelyingApplications::row)
                .one();
    }

    Flux<RelyingApplication> all() {
        return database.sql("select " + COLUMNS + " from relying_application order by name").map(RelyingApplications::row).all();
    }

    /** 1 when moved, 0 when the row was no longer at {@code expectedVersion} or not in a state the action starts from. */
    Mono<Long> changeStatus(UUID id, long expectedVersion, RelyingApplicationStatus.Action action) {
        StateGuard guard = RelyingApplicationStatus.LIFECYCLE.guard(action, "status");
        return guard.bind(database.sql("update relying_application set " + guard.set("status") + ", version = version + 1"
                        + " where id = :id and version = :expected and " + guard.where("status")))
                .bind("id", id).bind("expected", expectedVersion)
                .fetch()
                .rowsUpdated();
    }

    private static RelyingApplication row(Readable row) {
        return new RelyingApplication(row.get("id", UUID.class), row.get("name", String.class),
                row.get("fingerprint_sha256", String.class), List.of(row.get("applications", String[].class)),
                row.get("status", String.class), row.get("registered_at", OffsetDateTime.class).toInstant(),
                row.get("registered_by", String.class), row.get("version", Long.class));
    }
}
