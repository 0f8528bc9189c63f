package fr.cartesagents.ra.security;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.security.PersonAccessFacts.KnownPerson;
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

    private final PersonAccessFacts people;
    private final Clock clock;

    public Actors(PersonAccessFacts people, Clock clock) {
        this.people = people;
        this.clock = clock;
    }

    public Mono<Actor> of(CallerPrincipal caller, boolean administrator, Optional<String> remoteAddress) {
        return of(caller, administrator, remoteAddress, administrator ? AuthenticationOrigin.ADMINISTRATOR_CERTIFICATE
                : AuthenticationOrigin.CLIENT_CERTIFICATE);
    }

    /** The actor of a certificate, established by {@code origin} (see {@link AuthenticationOrigin}). */
    public Mono<Actor> of(CallerPrincipal caller, boolean administrator, Optional<String> remoteAddress, String origin) {
        Mono<KnownPerson> person = caller.holderId().map(people::byHolderId).orElseGet(Mono::empty);
        return actor(caller.auditName(), person, administrator, remoteAddress, origin);
    }

    /** The actor of a demo login: the seeded demo person, with the roles they hold today. */
    Mono<Actor> of(DemoPrincipal demoUser, Optional<String> remoteAddress) {
        return actor(demoUser.auditName(), people.byId(demoUser.personId()), false, remoteAddress, AuthenticationOrigin.DEMO);
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

    private Mono<Set<Grant>> grantsOf(KnownPerson person) {
        if (!person.active()) {
            return Mono.just(Set.of());
        }
        LocalDate today = LocalDate.now(clock.withZone(FRANCE));
        return people.rolesHeldOn(person.id(), today)
                .collect(HashSet<Grant>::new, Set::add)
                .map(grants -> {
                    grants.add(Grant.in(Role.HOLDER, person.id()));
                    return Set.copyOf(grants);
                });
    }

    private record PersonGrants(KnownPerson person, Set<Grant> grants) {
    }
}
