package fr.cartesagents.ra.security;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Turns an authenticated client certificate into an {@link Actor}: the person of the directory
 * whose {@code holder_id} the certificate carries, with the roles they hold today; a departed
 * person holds none. An administrator certificate adds {@link Role#NATIONAL_ADMINISTRATOR}.
 */
@Component
public class Actors {

    /** Role dates are calendar days in France. */
    public static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final DatabaseClient database;
    private final Clock clock;

    public Actors(DatabaseClient database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Mono<Actor> of(CallerPrincipal caller, boolean administrator, Optional<String> remoteAddress) {
        return of(caller, administrator, remoteAddress, administrator ? AuthenticationOrigin.ADMINISTRATOR_CERTIFICATE
                : AuthenticationOrigin.CLIENT_CERTIFICATE);
    }

    /** The actor of a certificate, established by {@code origin} (see {@link AuthenticationOrigin}). */
    public Mono<Actor> of(CallerPrincipal caller, boolean administrator, Optional<String> remoteAddress, String origin) {
        return actor(caller.auditName(), personOf(caller), administrator, remoteAddress, origin);
    }

    /** The actor of a demo login: the seeded demo person, with the roles they hold today. */
    Mono<Actor> of(DemoPrincipal demoUser, Optional<String> remoteAddress) {
        Mono<KnownPerson> person = database.sql("select id, status from person where id = :id")
                .bind("id", demoUser.personId())
                .map(row -> new KnownPerson(row.get("id", UUID.class), "active".equals(row.get("status", String.class))))
                .one();
        return actor(demoUser.auditName(), person, false, remoteAddress, AuthenticationOrigin.DEMO);
    }

    private Mono<Actor> actor(String auditName, Mono<KnownPerson> knownPerson, boolean administrator,
                              Optional<String> remoteAddress, String origin) {
        return knownPerson.flatMap(person -> grantsOf(person).map(grants -> Optional.of(new PersonGrants(person, grants))))
                .defaultIfEmpty(Optional.empty())
                .map(found -> {
                    Set<Grant> grants = new HashSet<>();
                    if (administrator) {
                        grants.add(Grant.everywhere(Role.NATIONAL_ADMINISTRATOR));
                    }
                    found.ifPresent(person -> grants.addAll(person.grants()));
                    return new Actor(auditName, found.map(p -> p.person().id()), grants, origin, remoteAddress);
                });
    }

    private Mono<KnownPerson> personOf(CallerPrincipal caller) {
        return database.sql("select p.id, p.status from certificate c join person p on p.holder_id = c.holder_id"
                        + " where c.serial = :serial")
                .bind("serial", caller.serial().toString(16))
                .map(row -> new KnownPerson(row.get("id", UUID.class), "active".equals(row.get("status", String.class))))
                .one();
    }

    private Mono<Set<Grant>> grantsOf(KnownPerson person) {
        if (!person.active()) {
            return Mono.just(Set.of());
        }
        LocalDate today = LocalDate.now(clock.withZone(FRANCE));
        return database.sql("select role, collectivity_id, registration_office_id from role_assignment"
                        + " where person_id = :person and starts_on <= :today and (ends_on is null or ends_on >= :today)")
                .bind("person", person.id())
                .bind("today", today)
                .map(row -> {
                    Role role = Role.fromDatabaseName(row.get("role", String.class));
                    UUID scope = Optional.ofNullable(row.get("collectivity_id", UUID.class))
                            .orElse(row.get("registration_office_id", UUID.class));
                    return new Grant(role, Optional.ofNullable(scope));
                })
                .all()
                .collect(HashSet<Grant>::new, Set::add)
                .map(grants -> {
                    grants.add(Grant.in(Role.HOLDER, person.id()));
                    return Set.copyOf(grants);
                });
    }

    private record KnownPerson(UUID id, boolean active) {
    }

    private record PersonGrants(KnownPerson person, Set<Grant> grants) {
    }
}
