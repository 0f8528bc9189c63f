package fr.cartesagents.ra.convention;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Conditional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.collectivity.CollectivityQueries;
import fr.cartesagents.ra.security.DemoEnabled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * When the demo is on ({@link DemoEnabled}), the demo commune (Armentières, INSEE 59017, seeded with its people
 * by the security feature's demo users) gets an active CARTES and an active COMEDEC convention when it
 * has none, so that the demo users can walk the whole card lifecycle at once: order, approval,
 * personalization, hand-over, activation.
 */
@Component
@Conditional(DemoEnabled.class)
@DependsOn("demoUsers")
class DemoConventions implements InitializingBean {

    static final String DEMO_INSEE = "59017";

    private final DatabaseClient database;
    private final CollectivityQueries collectivities;
    private final TransactionalOperator transactions;
    private final AuditTrail audit;
    private final Clock clock;

    DemoConventions(DatabaseClient database, CollectivityQueries collectivities, TransactionalOperator transactions, AuditTrail audit,
                    Clock clock) {
        this.database = database;
        this.collectivities = collectivities;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        transactions.transactional(collectivities.communeOfInsee(DEMO_INSEE)
                        .flatMapMany(commune -> Flux.just(ConventionKind.COMEDEC, ConventionKind.CARTES)
                                .concatMap(kind -> activeIfMissing(commune, kind)))
                        .then())
                .block(Duration.ofMinutes(1));
    }

    private Mono<Void> activeIfMissing(UUID commune, ConventionKind kind) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris")));
        UUID id = UUID.randomUUID();
        return database.sql("select count(*) as n from convention c join convention_party p on p.convention_id = c.id"
                        + " where p.collectivity_id = :commune and c.kind = :kind and c.state = 'active'")
                .bind("commune", commune).bind("kind", kind.databaseName())
                .map(row -> row.get("n", Long.class)).one()
                .filter(count -> count == 0)
                .flatMap(none -> database.sql("insert into convention (id, kind, reference, state, signed_on, activated_on)"
                                + " values (:id, :kind, 'Démonstration', 'active', :today, :today)")
                        .bind("id", id).bind("kind", kind.databaseName()).bind("today", today).then()
                        .then(database.sql("insert into convention_party (convention_id, collectivity_id) values (:id, :commune)")
                                .bind("id", id).bind("commune", commune).then())
                        .then(audit.append(AuditEntry.bySystem(AuditEntry.SYSTEM, Optional.of(commune), ConventionEvent.CREATED,
                                ConventionEvent.target(id), Map.of("kind", kind.databaseName(), "state", "active", "demo", "true"))))
                        .then());
    }
}
