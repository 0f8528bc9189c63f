package fr.cartesagents.ra.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/** The searchable audit trail: filters and the caller's scope applied in the query, newest first. */
@Component
public class AuditEventRepository {

    private final DatabaseClient database;

    AuditEventRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<AuditEventView.Page> find(AuditEventQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        if (!query.scope().all()) {
            conditions.add("collectivity_id = any(:scope)");
            binds.put("scope", query.scope().idArray());
        }
        query.collectivity().ifPresent(id -> {
            conditions.add("collectivity_id = :collectivity");
            binds.put("collectivity", id);
        });
        query.target().ifPresent(target -> {
            conditions.add("target = :target");
            binds.put("target", target);
        });
        query.action().ifPresent(action -> {
            conditions.add("action = :action");
            binds.put("action", action);
        });
        query.from().ifPresent(from -> {
            conditions.add("occurred_at >= :from");
            binds.put("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        });
        query.to().ifPresent(to -> {
            conditions.add("occurred_at < :to");
            binds.put("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        });
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        DatabaseClient.GenericExecuteSpec page = database.sql("select " + AuditEventRows.COLUMNS + " from audit_event" + where
                + " order by id desc limit :limit offset :offset");
        DatabaseClient.GenericExecuteSpec count = database.sql("select count(*) as n from audit_event" + where);
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            page = page.bind(bind.getKey(), bind.getValue());
            count = count.bind(bind.getKey(), bind.getValue());
        }
        Mono<List<AuditEventView>> items = page.bind("limit", query.size()).bind("offset", (long) query.page() * query.size())
                .map(AuditEventRows::read).all().map(AuditEventView::of).collectList();
        Mono<Long> total = count.map(row -> row.get("n", Long.class)).one();
        return Mono.zip(items, total).map(found -> new AuditEventView.Page(found.getT1(), query.page(), query.size(), found.getT2()));
    }
}
