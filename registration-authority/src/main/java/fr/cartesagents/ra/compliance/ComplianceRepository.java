package fr.cartesagents.ra.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code questionnaire}, {@code questionnaire_answer} and {@code audit_finding} rows, and the trust flag they drive. */
@Repository
class ComplianceRepository {

    private static final String FINDING = "select id, collectivity_id, severity, description, found_on, closed_on, closing_note, version"
            + " from audit_finding";

    private final DatabaseClient database;

    ComplianceRepository(DatabaseClient database) {
        this.database = database;
    }

    /** The questionnaire's version: 0 while nobody has answered. */
    Mono<Long> questionnaireVersion(UUID collectivity) {
        return database.sql("select version from questionnaire where collectivity_id = :id").bind("id", collectivity)
                .map(row -> row.get("version", Long.class)).one().defaultIfEmpty(0L);
    }

    Flux<StoredAnswer> answers(UUID collectivity) {
        return database.sql("select control_point, applied, comment, answered_at from questionnaire_answer where collectivity_id = :id")
                .bind("id", collectivity)
                .map(row -> new StoredAnswer(row.get("control_point", String.class), row.get("applied", Boolean.class),
                        row.get("comment", String.class), row.get("answered_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** Bumps the questionnaire from {@code expected} (creating it at version 0 first): 0 rows when it moved on. */
    Mono<Long> bumpQuestionnaire(UUID collectivity, long expected) {
        return database.sql("insert into questionnaire (collectivity_id) values (:id) on conflict do nothing").bind("id", collectivity)
                .then()
                .then(database.sql("update questionnaire set version = version + 1, updated_at = now()"
                                + " where collectivity_id = :id and version = :expected")
                        .bind("id", collectivity).bind("expected", expected).fetch().rowsUpdated());
    }

    Mono<Void> saveAnswer(UUID collectivity, QuestionnaireAnswers.Answer answer, String answeredBy, Instant at) {
        return database.sql("insert into questionnaire_answer (collectivity_id, control_point, applied, comment, answered_by, answered_at)"
                        + " values (:id, :point, :applied, :comment, :by, :at) on conflict (collectivity_id, control_point) do update"
                        + " set applied = excluded.applied, comment = excluded.comment, answered_by = excluded.answered_by,"
                        + " answered_at = excluded.answered_at")
                .bind("id", collectivity).bind("point", answer.controlPoint()).bind("applied", answer.applied())
                .bind("comment", Parameter.fromOrEmpty(answer.comment(), String.class)).bind("by", answeredBy)
                .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .then();
    }

    Flux<FindingView> findings(UUID collectivity) {
        return database.sql(FINDING + " where collectivity_id = :id order by found_on, created_at").bind("id", collectivity)
                .map(ComplianceRepository::findingOf).all();
    }

    Mono<FindingView> finding(UUID id) {
        return database.sql(FINDING + " where id = :id").bind("id", id).map(ComplianceRepository::findingOf).one();
    }

    Mono<Void> insertFinding(UUID id, UUID collectivity, NewFinding finding, String recordedBy) {
        return database.sql("insert into audit_finding (id, collectivity_id, severity, description, found_on, recorded_by)"
                        + " values (:id, :collectivity, :severity, :description, :foundOn, :by)")
                .bind("id", id).bind("collectivity", collectivity).bind("severity", finding.severity())
                .bind("description", finding.description().strip()).bind("foundOn", finding.foundOn()).bind("by", recordedBy)
                .then();
    }

    Mono<Long> closeFinding(UUID id, long expected, FindingClosure closure, String closedBy) {
        return database.sql("update audit_finding set closed_on = :closedOn, closing_note = :note, closed_by = :by,"
                        + " version = version + 1 where id = :id and version = :expected and closed_on is null")
                .bind("id", id).bind("expected", expected).bind("closedOn", closure.closedOn())
                .bind("note", Parameter.fromOrEmpty(closure.note(), String.class)).bind("by", closedBy)
                .fetch().rowsUpdated();
    }

    Mono<Long> findingVersion(UUID id) {
        return database.sql("select version from audit_finding where id = :id").bind("id", id)
                .map(row -> row.get("version", Long.class)).one();
    }

    /** Whether the collectivity has a major finding still open: its trust roles are then suspended (Art. VII). */
    Mono<Boolean> hasOpenMajorFinding(UUID collectivity) {
        return database.sql("select exists (select 1 from audit_finding where collectivity_id = :id and severity = 'major'"
                        + " and closed_on is null) as open")
                .bind("id", collectivity)
                .map(row -> row.get("open", Boolean.class)).one();
    }

    record StoredAnswer(String controlPoint, boolean applied, String comment, Instant answeredAt) {
    }

    private static FindingView findingOf(Readable row) {
        LocalDate closedOn = row.get("closed_on", LocalDate.class);
        return new FindingView(row.get("id", UUID.class), row.get("collectivity_id", UUID.class), row.get("severity", String.class),
                row.get("description", String.class), row.get("found_on", LocalDate.class),
                Optional.ofNullable(closedOn).map(closed -> FindingState.CLOSED).orElse(FindingState.OPEN).apiName(),
                closedOn, row.get("closing_note", String.class), row.get("version", Long.class));
    }
}
