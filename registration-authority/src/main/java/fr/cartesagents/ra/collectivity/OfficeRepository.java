package fr.cartesagents.ra.collectivity;

import java.util.Set;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ra.directory.RegistrationOffices;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code registration_office} rows. */
@Repository
class OfficeRepository implements RegistrationOffices {

    private static final String VIEW = "select id, code, name, department, version from registration_office";

    private final DatabaseClient database;

    OfficeRepository(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<Boolean> exists(UUID office) {
        return database.sql("select 1 from registration_office where id = :id").bind("id", office)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    Mono<OfficeView> find(UUID id) {
        return database.sql(VIEW + " where id = :id").bind("id", id).map(OfficeRepository::view).one();
    }

    Flux<OfficeView> all() {
        return database.sql(VIEW + " order by code").map(OfficeRepository::view).all();
    }

    /** The offices the caller works in, or that serve a collectivity the caller may read. */
    Flux<OfficeView> visible(Set<UUID> ownOffices, Set<UUID> readableCollectivities) {
        return database.sql(VIEW + " where id = any(:offices) or id in (select registration_office_id from collectivity"
                        + " where id = any(:collectivities)) order by code")
                .bind("offices", ownOffices.toArray(UUID[]::new))
                .bind("collectivities", readableCollectivities.toArray(UUID[]::new))
                .map(OfficeRepository::view).all();
    }

    Mono<Boolean> codeTaken(String code) {
        return database.sql("select exists(select 1 from registration_office where code = :code) as taken").bind("code", code)
                .map(row -> row.get("taken", Boolean.class)).one();
    }

    Mono<Void> insert(UUID id, NewOffice office) {
        return database.sql("insert into registration_office (id, code, name, department) values (:id, :code, :name, :department)")
                .bind("id", id).bind("code", office.code()).bind("name", office.name()).bind("department", office.department())
                .then();
    }

    Mono<Long> update(UUID id, long expectedVersion, OfficeUpdate office) {
        return database.sql("update registration_office set name = :name, department = :department, version = version + 1,"
                        + " updated_at = now() where id = :id and version = :expected")
                .bind("id", id).bind("expected", expectedVersion).bind("name", office.name()).bind("department", office.department())
                .fetch().rowsUpdated();
    }

    Mono<Long> versionOf(UUID id) {
        return database.sql("select version from registration_office where id = :id").bind("id", id)
                .map(row -> row.get("version", Long.class)).one();
    }

    private static OfficeView view(Readable row) {
        return new OfficeView(row.get("id", UUID.class), row.get("code", String.class), row.get("name", String.class),
                row.get("department", String.class), row.get("version", Long.class));
    }
}
