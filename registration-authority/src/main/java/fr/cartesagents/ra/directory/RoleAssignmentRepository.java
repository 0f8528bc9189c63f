package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ra.security.Grant;
import fr.cartesagents.ra.security.Role;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL of the role assignments (mayor, delegates, national roles), with the collectivity facts they depend on
 * ({@link AppointingCollectivities}, from the collectivity's owner);
 * the start-up seeding of people and roles ({@link DirectorySeeding}).
 */
@Repository
class RoleAssignmentRepository implements DirectorySeeding {

    private static final String SELECT = "select a.id, a.person_id, a.role, a.collectivity_id, a.registration_office_id,"
            + " p.birth_name, p.usual_name, p.given_names, a.starts_on, a.ends_on, a.version"
            + " from role_assignment a join person p on p.id = a.person_id";

    private final DatabaseClient database;
    private final AppointingCollectivities collectivities;

    RoleAssignmentRepository(DatabaseClient database, AppointingCollectivities collectivities) {
        this.database = database;
        this.collectivities = collectivities;
    }

    /** Locks the collectivity's row: changes to its mayor and delegates are made one after the other. */
    Mono<CollectivityFacts> lockCollectivity(UUID collectivityId) {
        return collectivities.lockForAppointments(collectivityId).map(CollectivityFacts::of);
    }

    /** The same facts, read without a lock. */
    Mono<CollectivityFacts> lockFreeKind(UUID collectivityId) {
        return collectivities.appointingFacts(collectivityId).map(CollectivityFacts::of);
    }

    /** Whether the person is active and an agent of the collectivity on {@code day}. */
    Mono<Boolean> isActiveAgent(UUID personId, UUID collectivityId, LocalDate day) {
        return database.sql("select 1 from role_assignment a join person p on p.id = a.person_id"
                        + " where a.person_id = :person and a.collectivity_id = :collectivity and a.role = 'agent'"
                        + " and p.status = 'active' and a.starts_on <= :day and (a.ends_on is null or a.ends_on >= :day)")
                .bind("person", personId).bind("collectivity", collectivityId).bind("day", day)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    Mono<Boolean> personIsActive(UUID personId) {
        return database.sql("select 1 from person where id = :id and status = 'active'").bind("id", personId)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    /**
     * Every role the person holds on {@code day} or later (not ended before it), with its scope (the
     * collectivity, the registration office, or none for a national role): what acting on the
     * person must answer for.
     */
    Flux<Grant> rolesOf(UUID personId, LocalDate day) {
        return database.sql("select role, collectivity_id, registration_office_id from role_assignment"
                        + " where person_id = :person and (ends_on is null or ends_on >= :day)")
                .bind("person", personId).bind("day", day)
                .map(RoleAssignmentRepository::grant)
                .all();
    }

    /** A row of {@code role, collectivity_id, registration_office_id} as the role it grants, where. */
    static Grant grant(Readable row) {
        return new Grant(Role.fromDatabaseName(row.get("role", String.class)),
                Optional.ofNullable(row.get("collectivity_id", UUID.class))
                        .or(() -> Optional.ofNullable(row.get("registration_office_id", UUID.class))));
    }

    /** The open assignments of {@code role} in the collectivity (not ended before {@code day}). */
    Flux<RoleAssignmentView> openIn(UUID collectivityId, String role, LocalDate day) {
        return database.sql(SELECT + " where a.collectivity_id = :collectivity and a.role = :role"
                        + " and (a.ends_on is null or a.ends_on >= :day) order by a.starts_on, a.id")
                .bind("collectivity", collectivityId).bind("role", role).bind("day", day)
                .map(RoleAssignmentRepository::view).all();
    }

    /** Who holds {@code role} in the collectivity on {@code day}. */
    Flux<RoleAssignmentView> heldOn(UUID collectivityId, String role, LocalDate day) {
        return database.sql(SELECT + " where a.collectivity_id = :collectivity and a.role = :role"
                        + " and a.starts_on <= :day and (a.ends_on is null or a.ends_on >= :day) order by a.starts_on, a.id")
                .bind("collectivity", collectivityId).bind("role", role).bind("day", day)
                .map(RoleAssignmentRepository::view).all();
    }

    /** The mayor and delegate assignments of the collectivity, current and past, newest first. */
    Flux<RoleAssignmentView> trustRolesOf(UUID collectivityId) {
        return database.sql(SELECT + " where a.collectivity_id = :collectivity and a.role in ('mayor', 'delegate')"
                        + " order by a.starts_on desc, a.id")
                .bind("collectivity", collectivityId)
                .map(RoleAssignmentRepository::view).all();
    }

    /** The national roles (administrators, auditors, registration officers), current and past. */
    Flux<RoleAssignmentView> nationalRoles() {
        return database.sql(SELECT + " where a.role in ('national_administrator', 'auditor', 'registration_officer')"
                        + " order by a.role, a.starts_on desc, a.id")
                .map(RoleAssignmentRepository::view).all();
    }

    Mono<RoleAssignmentView> find(UUID assignmentId) {
        return database.sql(SELECT + " where a.id = :id").bind("id", assignmentId)
                .map(RoleAssignmentRepository::view).one();
    }

    Mono<Void> insert(UUID id, UUID personId, String role, UUID collectivityId, UUID officeId, LocalDate startsOn,
                      LocalDate endsOn) {
        return database.sql("insert into role_assignment (id, person_id, role, collectivity_id, registration_office_id,"
                        + " starts_on, ends_on) values (:id, :person, :role, :collectivity, :office, :startsOn, :endsOn)")
                .bind("id", id).bind("person", personId).bind("role", role)
                .bind("collectivity", Parameter.fromOrEmpty(collectivityId, UUID.class))
                .bind("office", Parameter.fromOrEmpty(officeId, UUID.class))
                .bind("startsOn", startsOn)
                .bind("endsOn", Parameter.fromOrEmpty(endsOn, LocalDate.class))
                .then();
    }

    @Override
    public Mono<UUID> person(String holderId, String birthName, String givenNames, String email) {
        return database.sql("insert into person (id, holder_id, birth_name, given_names, email)"
                        + " values (:id, :holder, :birthName, :givenNames, :email) on conflict (holder_id) do nothing")
                .bind("id", UUID.randomUUID()).bind("holder", holderId).bind("birthName", birthName)
                .bind("givenNames", givenNames).bind("email", email)
                .then()
                .then(database.sql("select id from person where holder_id = :holder").bind("holder", holderId)
                        .map(row -> row.get("id", UUID.class)).one());
    }

    @Override
    public Mono<Long> roleUnlessHeld(UUID personId, Role role, Optional<UUID> collectivityId, Optional<UUID> officeId,
                                     Optional<String> service, Optional<String> jobTitle, LocalDate startsOn) {
        return database.sql("insert into role_assignment (id, person_id, role, collectivity_id, registration_office_id, service,"
                        + " job_title, starts_on) select :id, :person, :role, :collectivity, :office, :service, :jobTitle, :startsOn"
                        + " where not exists (select 1 from role_assignment where person_id = :person and role = :role and ends_on is null)"
                        + " on conflict do nothing")
                .bind("id", UUID.randomUUID()).bind("person", personId).bind("role", role.databaseName())
                .bind("collectivity", Parameter.fromOrEmpty(collectivityId.orElse(null), UUID.class))
                .bind("office", Parameter.fromOrEmpty(officeId.orElse(null), UUID.class))
                .bind("service", Parameter.fromOrEmpty(service.orElse(null), String.class))
                .bind("jobTitle", Parameter.fromOrEmpty(jobTitle.orElse(null), String.class))
                .bind("startsOn", startsOn)
                .fetch().rowsUpdated();
    }

    /** Ends the assignment on {@code endsOn} if it is still at {@code expectedVersion}; the rows changed. */
    Mono<Long> end(UUID assignmentId, long expectedVersion, LocalDate endsOn) {
        return database.sql("update role_assignment set ends_on = :endsOn, version = version + 1, updated_at = now()"
                        + " where id = :id and version = :expected")
                .bind("endsOn", endsOn).bind("id", assignmentId).bind("expected", expectedVersion)
                .fetch().rowsUpdated();
    }

    /** How many of {@code people} hold the mayor or delegate role on {@code day} in one of {@code collectivities}. */
    Mono<Long> trustRoleHoldersAmong(java.util.List<UUID> people, java.util.List<UUID> collectivities, LocalDate day) {
        return database.sql("select count(distinct person_id) as n from role_assignment where person_id = any(:people)"
                        + " and collectivity_id = any(:parties) and role in ('mayor', 'delegate')"
                        + " and starts_on <= :today and (ends_on is null or ends_on >= :today)")
                .bind("people", people.toArray(UUID[]::new)).bind("parties", collectivities.toArray(UUID[]::new))
                .bind("today", day)
                .map(row -> row.get("n", Long.class)).one();
    }

    private static RoleAssignmentView view(Readable row) {
        return new RoleAssignmentView(row.get("id", UUID.class), row.get("person_id", UUID.class),
                row.get("role", String.class), row.get("collectivity_id", UUID.class),
                row.get("registration_office_id", UUID.class), row.get("birth_name", String.class),
                row.get("usual_name", String.class), row.get("given_names", String.class),
                row.get("starts_on", LocalDate.class), row.get("ends_on", LocalDate.class), row.get("version", Long.class));
    }

    record CollectivityFacts(String kind, boolean mayorManagesCards) {

        static CollectivityFacts of(AppointingCollectivities.AppointingFacts facts) {
            return new CollectivityFacts(facts.kind(), facts.mayorManagesCards());
        }
    }
}
