package fr.cartesagents.ra.directory;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * A departure step of the tests (a bean like the real ones, found by component scanning): it
 * writes an audit event {@code test.departure-step}, so a test sees it ran and committed with the
 * departure, and it fails for a person whose birth name is {@value #FAILING_NAME}, so a test sees
 * that its failure rolls the whole departure back.
 */
@Component
class RecordingDepartureStep implements DepartureStep {

    static final String FAILING_NAME = "Échec-Du-Départ";

    private final AuditTrail audit;
    private final DatabaseClient database;

    RecordingDepartureStep(AuditTrail audit, DatabaseClient database) {
        this.audit = audit;
        this.database = database;
    }

    @Override
    public Mono<Void> onDeparture(Actor actor, UUID personId, UUID collectivityId) {
        return database.sql("select birth_name from person where id = :id").bind("id", personId)
                .map(row -> row.get("birth_name", String.class)).one()
                .flatMap(name -> audit.append(AuditEntry.by(actor, Optional.of(collectivityId), "test.departure-step",
                        "person:" + personId, Map.of())).then(FAILING_NAME.equals(name)
                        ? Mono.<Void>error(new IllegalStateException("departure step failed on purpose"))
                        : Mono.<Void>empty()));
    }
}
