package fr.cartesagents.ra.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.security.Actors;
import fr.cartesagents.ra.security.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The demo commune and its people, created at start-up outside the production profile when they
 * are missing: Armentières (a real commune: INSEE 59017, SIREN 215 900 176) served by the
 * Préfecture du Nord, its mayor, a delegate, an agent, a registration officer of the préfecture
 * and an auditor. The demo login ({@link DemoLoginController}) logs in as one of them by name.
 * The collectivity is upserted by INSEE code, so the reference import and this seeding meet on
 * the same row whichever runs first.
 */
@Component
@Profile("!production")
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

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final AuditTrail audit;
    private final Clock clock;

    DemoUsers(DatabaseClient database, TransactionalOperator transactions, AuditTrail audit, Clock clock) {
        this.database = database;
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
                .flatMap(user -> database.sql("select id from person where holder_id = :holder")
                        .bind("holder", user.holderId()).map(row -> row.get("id", UUID.class)).one());
    }

    private Mono<Void> seed() {
        return office().flatMap(office -> commune(office).flatMap(commune -> Flux.fromIterable(USERS)
                        .concatMap(user -> person(user).flatMap(person -> role(user, person, commune, office)))
                        .reduce(0L, Long::sum)
                        .flatMap(added -> added == 0 ? Mono.empty()
                                : audit.append(new AuditEntry("system", "demo.seeded", "collectivity:" + commune,
                                        Map.of("insee", INSEE, "roles", Long.toString(added)), Optional.of(commune),
                                        Optional.empty())).then())));
    }

    private Mono<UUID> office() {
        return database.sql("insert into registration_office (id, code, name, department) values (:id, :code, 'Préfecture du Nord', '59')"
                        + " on conflict (code) do nothing")
                .bind("id", UUID.randomUUID()).bind("code", OFFICE_CODE)
                .then()
                .then(database.sql("select id from registration_office where code = :code").bind("code", OFFICE_CODE)
                        .map(row -> row.get("id", UUID.class)).one());
    }

    private Mono<UUID> commune(UUID office) {
        return database.sql("insert into collectivity (id, kind, insee_code, siren, name, department, registration_office_id)"
                        + " values (:id, 'commune', :insee, :siren, 'Armentières', '59', :office)"
                        + " on conflict (insee_code) do update set registration_office_id"
                        + " = coalesce(collectivity.registration_office_id, excluded.registration_office_id)"
                        + " returning id")
                .bind("id", UUID.randomUUID()).bind("insee", INSEE).bind("siren", SIREN.value()).bind("office", office)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    private Mono<UUID> person(DemoUser user) {
        return database.sql("insert into person (id, holder_id, birth_name, given_names, email)"
                        + " values (:id, :holder, :birthName, :givenNames, :email) on conflict (holder_id) do nothing")
                .bind("id", UUID.randomUUID()).bind("holder", user.holderId()).bind("birthName", user.birthName())
                .bind("givenNames", user.givenNames()).bind("email", user.userName() + "@demo.cartes-agents.fr")
                .then()
                .then(database.sql("select id from person where holder_id = :holder").bind("holder", user.holderId())
                        .map(row -> row.get("id", UUID.class)).one());
    }

    /** Gives the role unless the person already holds it; {@code on conflict do nothing} also spares an existing mayor. */
    private Mono<Long> role(DemoUser user, UUID person, UUID commune, UUID office) {
        boolean inCommune = user.role() == Role.MAYOR || user.role() == Role.DELEGATE || user.role() == Role.AGENT;
        boolean inOffice = user.role() == Role.REGISTRATION_OFFICER;
        return database.sql("insert into role_assignment (id, person_id, role, collectivity_id, registration_office_id, service,"
                        + " job_title, starts_on) select :id, :person, :role, :collectivity, :office, :service, :jobTitle, :startsOn"
                        + " where not exists (select 1 from role_assignment where person_id = :person and role = :role and ends_on is null)"
                        + " on conflict do nothing")
                .bind("id", UUID.randomUUID()).bind("person", person).bind("role", user.role().databaseName())
                .bind("collectivity", Parameter.fromOrEmpty(inCommune ? commune : null, UUID.class))
                .bind("office", Parameter.fromOrEmpty(inOffice ? office : null, UUID.class))
                .bind("service", Parameter.fromOrEmpty(user.service().orElse(null), String.class))
                .bind("jobTitle", Parameter.fromOrEmpty(user.jobTitle().orElse(null), String.class))
                .bind("startsOn", LocalDate.now(clock.withZone(Actors.FRANCE)).minusDays(1))
                .fetch().rowsUpdated();
    }
}
