package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ra.security.Grant;
import fr.cartesagents.ra.security.PersonAccessFacts;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL of the people of the directory and their agent memberships; what other features read of them
 * ({@link PersonQueries}) and what the access rules need ({@link PersonAccessFacts}: at every request,
 * the caller's person and the roles they hold today).
 */
@Repository
class PeopleRepository implements PersonQueries, PersonAccessFacts {

    private static final String PERSON_COLUMNS = "p.id, p.holder_id, p.birth_name, p.usual_name, p.given_names,"
            + " p.birth_date, p.birth_place, p.email, p.status, p.departed_at, p.version";

    private final DatabaseClient database;

    PeopleRepository(DatabaseClient database) {
        this.database = database;
    }

    private static final String RECORD = "select id, holder_id, given_names, birth_name, usual_name, email, status from person";

    @Override
    public Mono<PersonRecord> record(UUID personId) {
        return database.sql(RECORD + " where id = :id").bind("id", personId).map(PeopleRepository::toRecord).one();
    }

    @Override
    public Mono<String> statusLockedForShare(UUID personId) {
        return database.sql("select status from person where id = :id for share").bind("id", personId)
                .map(row -> row.get("status", String.class)).one();
    }

    @Override
    public Flux<PersonRecord> activeByHolderId(String holderId) {
        return database.sql(RECORD + " where status = 'active' and holder_id = :value order by id").bind("value", holderId)
                .map(PeopleRepository::toRecord).all();
    }

    @Override
    public Flux<PersonRecord> activeByEmail(String email) {
        return database.sql(RECORD + " where status = 'active' and lower(email) = lower(:value) order by id").bind("value", email)
                .map(PeopleRepository::toRecord).all();
    }

    @Override
    public Flux<String> rolesIn(UUID personId, UUID collectivityId, LocalDate day) {
        return rolesIn(personId, collectivityId, day, "select distinct role", "");
    }

    @Override
    public Flux<String> rolesInLockedForShare(UUID personId, UUID collectivityId, LocalDate day) {
        // A lock cannot go with distinct: a role held by two rows that day comes twice
        return rolesIn(personId, collectivityId, day, "select role", " for share");
    }

    private Flux<String> rolesIn(UUID personId, UUID collectivityId, LocalDate day, String select, String lock) {
        return database.sql(select + " from role_assignment where person_id = :person and collectivity_id = :collectivity"
                        + " and starts_on <= :day and (ends_on is null or ends_on >= :day)" + lock)
                .bind("person", personId).bind("collectivity", collectivityId).bind("day", day)
                .map(row -> row.get("role", String.class)).all();
    }

    @Override
    public Mono<Boolean> holdsDelegation(UUID personId, UUID collectivityId, String kind, LocalDate day) {
        return database.sql("select 1 from delegation where person_id = :person and collectivity_id = :collectivity"
                        + " and kind = :kind and starts_on <= :day and (ends_on is null or ends_on >= :day) limit 1")
                .bind("person", personId).bind("collectivity", collectivityId).bind("kind", kind).bind("day", day)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    @Override
    public Mono<HolderMemberships> holderMemberships(String holderId, LocalDate day) {
        // One row per collectivity where the person holds a role that day (one row with no collectivity when none)
        return database.sql("select p.id, p.status, m.collectivity_id, m.mayor,"
                        + " array(select d.kind from delegation d where d.person_id = p.id and d.collectivity_id = m.collectivity_id"
                        + "   and d.starts_on <= :day and (d.ends_on is null or d.ends_on >= :day) order by d.kind) as delegations"
                        + " from person p left join lateral (select r.collectivity_id, bool_or(r.role = 'mayor') as mayor"
                        + "   from role_assignment r where r.person_id = p.id and r.role in ('agent', 'mayor', 'delegate')"
                        + "   and r.starts_on <= :day and (r.ends_on is null or r.ends_on >= :day) group by r.collectivity_id) m on true"
                        + " where p.holder_id = :holder")
                .bind("holder", holderId).bind("day", day)
                .map(row -> new HolderRow(knownPerson(row), Optional.ofNullable(row.get("collectivity_id", UUID.class))
                        .map(collectivity -> new Membership(collectivity, Boolean.TRUE.equals(row.get("mayor", Boolean.class)),
                                Arrays.asList(row.get("delegations", String[].class))))))
                .all()
                .collectList()
                .filter(rows -> !rows.isEmpty())
                .map(rows -> new HolderMemberships(rows.get(0).person().id(), rows.get(0).person().active(),
                        rows.stream().flatMap(row -> row.membership().stream()).toList()));
    }

    private record HolderRow(KnownPerson person, Optional<Membership> membership) {
    }

    @Override
    public Mono<KnownPerson> byId(UUID personId) {
        return database.sql("select id, status from person where id = :id").bind("id", personId)
                .map(PeopleRepository::knownPerson).one();
    }

    @Override
    public Mono<KnownPerson> byHolderId(String holderId) {
        return database.sql("select id, status from person where holder_id = :holder").bind("holder", holderId)
                .map(PeopleRepository::knownPerson).one();
    }

    @Override
    public Flux<Grant> rolesHeldOn(UUID personId, LocalDate day) {
        return database.sql("select role, collectivity_id, registration_office_id from role_assignment"
                        + " where person_id = :person and starts_on <= :day and (ends_on is null or ends_on >= :day)")
                .bind("person", personId).bind("day", day)
                .map(RoleAssignmentRepository::grant).all();
    }

    @Override
    public Flux<UUID> collectivitiesOf(UUID personId) {
        return database.sql("select distinct collectivity_id from role_assignment where person_id = :person"
                        + " and collectivity_id is not null")
                .bind("person", personId)
                .map(row -> row.get("collectivity_id", UUID.class)).all();
    }

    private static KnownPerson knownPerson(Readable row) {
        return new KnownPerson(row.get("id", UUID.class),
                PersonStatus.fromDatabaseName(row.get("status", String.class)) == PersonStatus.ACTIVE);
    }

    @Override
    public Flux<String> cardManagerEmails(UUID collectivityId, LocalDate day) {
        return database.sql("select distinct p.email from role_assignment r join person p on p.id = r.person_id"
                        + " where r.collectivity_id = :collectivity and r.role in ('mayor', 'delegate')"
                        + " and r.starts_on <= :day and (r.ends_on is null or r.ends_on >= :day)"
                        + " and p.status = 'active' and p.email is not null and p.email <> '' order by p.email")
                .bind("collectivity", collectivityId).bind("day", day)
                .map(row -> row.get("email", String.class)).all();
    }

    private static PersonRecord toRecord(Readable row) {
        return new PersonRecord(row.get("id", UUID.class), row.get("holder_id", String.class), row.get("given_names", String.class),
                row.get("birth_name", String.class), java.util.Optional.ofNullable(row.get("usual_name", String.class)),
                java.util.Optional.ofNullable(row.get("email", String.class)).filter(email -> !email.isBlank()),
                row.get("status", String.class));
    }

    Mono<Void> insert(UUID id, String holderId, PersonRequest person) {
        return database.sql("insert into person (id, holder_id, birth_name, usual_name, given_names, birth_date,"
                        + " birth_place, email) values (:id, :holderId, :birthName, :usualName, :givenNames, :birthDate,"
                        + " :birthPlace, :email)")
                .bind("id", id)
                .bind("holderId", holderId)
                .bind("birthName", person.birthName())
                .bind("usualName", Parameter.fromOrEmpty(person.usualName(), String.class))
                .bind("givenNames", person.givenNames())
                .bind("birthDate", person.birthDate())
                .bind("birthPlace", person.birthPlace())
                .bind("email", person.email())
                .then();
    }

    Mono<Boolean> holderIdTaken(String holderId) {
        return database.sql("select 1 from person where holder_id = :holderId").bind("holderId", holderId)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    Mono<Void> insertMembership(UUID personId, UUID collectivityId, PersonRequest person, LocalDate startsOn) {
        return database.sql("insert into role_assignment (id, person_id, role, collectivity_id, service, job_title, starts_on)"
                        + " values (:id, :person, 'agent', :collectivity, :service, :jobTitle, :startsOn)")
                .bind("id", UUID.randomUUID())
                .bind("person", personId)
                .bind("collectivity", collectivityId)
                .bind("service", Parameter.fromOrEmpty(person.service(), String.class))
                .bind("jobTitle", Parameter.fromOrEmpty(person.jobTitle(), String.class))
                .bind("startsOn", startsOn)
                .then();
    }

    Mono<PersonView> find(UUID personId) {
        return database.sql("select " + PERSON_COLUMNS + " from person p where p.id = :id")
                .bind("id", personId)
                .map(PeopleRepository::person)
                .one();
    }

    /** The person's agent memberships, with the roles and delegations they hold there on {@code today}. */
    Flux<MembershipRow> memberships(UUID personId, LocalDate today) {
        return database.sql("select a.collectivity_id, c.name, a.service, a.job_title, a.starts_on, a.ends_on,"
                        + " array(select r.role from role_assignment r where r.person_id = a.person_id"
                        + "   and r.collectivity_id = a.collectivity_id and r.role in ('mayor', 'delegate')"
                        + "   and r.starts_on <= :today and (r.ends_on is null or r.ends_on >= :today) order by r.role) as roles,"
                        + " array(select d.kind from delegation d where d.person_id = a.person_id"
                        + "   and d.collectivity_id = a.collectivity_id"
                        + "   and d.starts_on <= :today and (d.ends_on is null or d.ends_on >= :today) order by d.kind) as kinds"
                        + " from role_assignment a join collectivity c on c.id = a.collectivity_id"
                        + " where a.person_id = :person and a.role = 'agent'"
                        + " order by a.ends_on desc nulls first, a.starts_on desc")
                .bind("person", personId)
                .bind("today", today)
                .map(row -> new MembershipRow(row.get("collectivity_id", UUID.class), new PersonView.MembershipView(
                        row.get("collectivity_id", UUID.class), row.get("name", String.class),
                        row.get("service", String.class), row.get("job_title", String.class),
                        row.get("starts_on", LocalDate.class), row.get("ends_on", LocalDate.class),
                        Arrays.asList(row.get("roles", String[].class)), Arrays.asList(row.get("kinds", String[].class)))))
                .all();
    }

    Mono<Long> updatePerson(UUID personId, long expectedVersion, PersonRequest person) {
        return database.sql("update person set birth_name = :birthName, usual_name = :usualName, given_names = :givenNames,"
                        + " birth_date = :birthDate, birth_place = :birthPlace, email = :email, version = version + 1,"
                        + " updated_at = now() where id = :id and version = :expected")
                .bind("birthName", person.birthName())
                .bind("usualName", Parameter.fromOrEmpty(person.usualName(), String.class))
                .bind("givenNames", person.givenNames())
                .bind("birthDate", person.birthDate())
                .bind("birthPlace", person.birthPlace())
                .bind("email", person.email())
                .bind("id", personId)
                .bind("expected", expectedVersion)
                .fetch().rowsUpdated();
    }

    /** Service and job title of the person's current membership of the collectivity. */
    Mono<Long> updateMembership(UUID personId, UUID collectivityId, PersonRequest person) {
        return database.sql("update role_assignment set service = :service, job_title = :jobTitle, version = version + 1,"
                        + " updated_at = now() where person_id = :person and collectivity_id = :collectivity"
                        + " and role = 'agent' and ends_on is null")
                .bind("service", Parameter.fromOrEmpty(person.service(), String.class))
                .bind("jobTitle", Parameter.fromOrEmpty(person.jobTitle(), String.class))
                .bind("person", personId)
                .bind("collectivity", collectivityId)
                .fetch().rowsUpdated();
    }

    /**
     * Bumps the person's version (the departure is a change of their record) and, when they leave
     * their last role, marks them departed; 0 rows when the version is not {@code expectedVersion}
     * or the person already departed.
     */
    Mono<Long> recordDeparture(UUID personId, long expectedVersion, boolean departedEverywhere) {
        return database.sql("update person set status = case when :everywhere then 'departed' else status end,"
                        + " departed_at = case when :everywhere then now() else departed_at end, version = version + 1,"
                        + " updated_at = now() where id = :id and version = :expected and status = 'active'")
                .bind("everywhere", departedEverywhere)
                .bind("id", personId)
                .bind("expected", expectedVersion)
                .fetch().rowsUpdated();
    }

    /** Ends every role the person holds in the collectivity that runs past {@code endsOn}; the count. */
    Mono<Long> endRoles(UUID personId, UUID collectivityId, LocalDate endsOn) {
        return database.sql("update role_assignment set ends_on = greatest(:endsOn, starts_on - 1), version = version + 1,"
                        + " updated_at = now() where person_id = :person and collectivity_id = :collectivity"
                        + " and (ends_on is null or ends_on > :endsOn)")
                .bind("endsOn", endsOn)
                .bind("person", personId)
                .bind("collectivity", collectivityId)
                .fetch().rowsUpdated();
    }

    /** Ends every delegation the person holds in the collectivity that runs past {@code endsOn}; the count. */
    Mono<Long> endDelegations(UUID personId, UUID collectivityId, LocalDate endsOn) {
        return database.sql("update delegation set ends_on = greatest(:endsOn, starts_on - 1), version = version + 1"
                        + " where person_id = :person and collectivity_id = :collectivity"
                        + " and (ends_on is null or ends_on > :endsOn)")
                .bind("endsOn", endsOn)
                .bind("person", personId)
                .bind("collectivity", collectivityId)
                .fetch().rowsUpdated();
    }

    private static PersonView person(Readable row) {
        return new PersonView(row.get("id", UUID.class), row.get("holder_id", String.class),
                row.get("birth_name", String.class), row.get("usual_name", String.class),
                row.get("given_names", String.class), row.get("birth_date", LocalDate.class),
                row.get("birth_place", String.class), row.get("email", String.class), row.get("status", String.class),
                row.get("departed_at", OffsetDateTime.class), List.of(), row.get("version", Long.class));
    }

    /** A membership and the collectivity it is in (the visibility filter needs the id). */
    record MembershipRow(UUID collectivityId, PersonView.MembershipView view) {
    }
}
