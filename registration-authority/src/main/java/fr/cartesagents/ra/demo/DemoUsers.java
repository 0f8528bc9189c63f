package fr.cartesagents.ra.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTarget;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.collectivity.TerritorySeeding;
import fr.cartesagents.ra.directory.DirectorySeeding;
import fr.cartesagents.ra.security.Actors;
import fr.cartesagents.ra.security.DemoEnabled;
import fr.cartesagents.ra.security.PersonAccessFacts;
import fr.cartesagents.ra.security.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The demo commune and its people, created at start-up when the demo is on ({@link DemoEnabled}) and they
 * are missing: Armentières (a real commune: INSEE 59017, SIREN 215 900 176) served by the
 * Préfecture du Nord, its mayor, a delegate, an agent, a registration officer of the préfecture
 * and an auditor. The demo login ({@link DemoLoginController}) logs in as one of them by name.
 * The collectivity is upserted by INSEE code, so the reference import and this seeding meet on
 * the same row whichever runs first.
 */
@Component
@Conditional(DemoEnabled.class)
class DemoUsers implements InitializingBean, DemoAccounts {

    static final String INSEE = "59017";
    static final Siren SIREN = new Siren("215900176"); // checked (9 digits, Luhn) when the class loads
    static final String OFFICE_CODE = "PREF-59";

    /** A demo user: the name used at login, their civil-status names, their role. */
    record DemoUser(String userName, String holderId, String givenNames, String birthName, Role role,
                    Optional<String> service, Optional<String> jobTitle) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("maire", "DEMO-59017-MAIRE", "Hélène", "Lefèvre-Saint-Éloi", Role.MAYOR, Optional.empty(),
                    Optional.of("Maire")),
            new DemoUser("delegue", "DEMO-59017-DELEGUE", "Karim", "N'Diaye", Role.DELEGATE, Optional.of("Direction générale"),
                    Optional.of("Responsable cartes")),
            new DemoUser("agent", "DEMO-59017-AGENT", "Sophie", "Dubois", Role.AGENT, Optional.of("État civil"),
                    Optional.of("Officier d'état civil")),
            new DemoUser("officier", "DEMO-PREF59-OFFICIER", "Marc", "Vandenbroucke", Role.REGISTRATION_OFFICER,
                    Optional.of("Bureau des titres"), Optional.of("Autorité d'enregistrement")),
            new DemoUser("auditeur", "DEMO-AUDITEUR", "Claire", "Martin", Role.AUDITOR, Optional.empty(),
                    Optional.of("Auditrice")));

    private final TerritorySeeding territory;
    private final DirectorySeeding directory;
    private final PersonAccessFacts people;
    private final TransactionalOperator transactions;
    private final AuditTrail audit;
    private final Clock clock;

    DemoUsers(TerritorySeeding territory, DirectorySeeding directory, PersonAccessFacts people,
              TransactionalOperator transactions, AuditTrail audit, Clock clock) {
        this.territory = territory;
        this.directory = directory;
        this.people = people;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        transactions.transactional(seed()).block(Duration.ofMinutes(1));
    }

    @Override
    public List<DemoAccount> accounts() {
        return USERS.stream().map(user -> new DemoAccount(user.userName(), user.givenNames() + " " + user.birthName(), user.role()))
                .toList();
    }

    /** The person behind a demo user name, if it is one. */
    Mono<UUID> personOf(String userName) {
        return Mono.justOrEmpty(USERS.stream().filter(user -> user.userName().equals(userName)).findFirst())
                .flatMap(user -> people.byHolderId(user.holderId()))
                .map(PersonAccessFacts.KnownPerson::id);
    }

    private Mono<Void> seed() {
        return office().flatMap(office -> commune(office).flatMap(commune -> Flux.fromIterable(USERS)
                        .concatMap(user -> person(user).flatMap(person -> role(user, person, commune, office)))
                        .reduce(0L, Long::sum)
                        .flatMap(added -> added == 0 ? Mono.empty()
                                : audit.append(AuditEntry.bySystem(AuditEntry.SYSTEM, Optional.of(commune), DemoEvent.SEEDED,
                                        AuditTarget.of("collectivity", commune),
                                        Map.of("insee", INSEE, "roles", Long.toString(added)))).then())));
    }

    private Mono<UUID> office() {
        return territory.office(OFFICE_CODE, "Préfecture du Nord", "59");
    }

    private Mono<UUID> commune(UUID office) {
        return territory.commune(INSEE, SIREN.value(), "Armentières", "59", office);
    }

    private Mono<UUID> person(DemoUser user) {
        return directory.person(user.holderId(), user.birthName(), user.givenNames(), user.userName() + "@demo.cartes-agents.fr");
    }

    /** Gives the role unless the person already holds it; an existing mayor is spared too. */
    private Mono<Long> role(DemoUser user, UUID person, UUID commune, UUID office) {
        boolean inCommune = user.role() == Role.MAYOR || user.role() == Role.DELEGATE || user.role() == Role.AGENT;
        boolean inOffice = user.role() == Role.REGISTRATION_OFFICER;
        return directory.roleUnlessHeld(person, user.role(), Optional.of(commune).filter(any -> inCommune),
                Optional.of(office).filter(any -> inOffice), user.service(), user.jobTitle(),
                LocalDate.now(clock.withZone(Actors.FRANCE)).minusDays(1));
    }
}
