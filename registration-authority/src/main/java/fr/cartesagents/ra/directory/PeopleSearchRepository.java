package fr.cartesagents.ra.directory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ra.security.CollectivityScope;
import reactor.core.publisher.Flux;

/**
 * The directory search in one SQL query: one row per agent membership ({@code a}) with its person
 * ({@code p}) and collectivity ({@code c}); every filter is a condition ANDed in the WHERE clause,
 * the caller's readable collectivities first, so another collectivity's rows never leave the
 * database. Names match on {@code person.search_name} (folded by {@code directory_fold}, trigram
 * index); pages follow the order (search_name, person id, membership id) by keyset.
 */
@Repository
class PeopleSearchRepository {

    private final DatabaseClient database;

    PeopleSearchRepository(DatabaseClient database) {
        this.database = database;
    }

    /** Up to {@code search.limit() + 1} rows, so the caller knows whether there is more. */
    Flux<Row> search(CollectivityScope scope, PeopleSearch search, List<SqlCondition> extra, LocalDate today) {
        SqlCondition query = query(scope, search, extra, today);
        DatabaseClient.GenericExecuteSpec statement = database.sql(query.sql());
        for (Map.Entry<String, Object> binding : query.bindings().entrySet()) {
            statement = statement.bind(binding.getKey(), binding.getValue());
        }
        return statement.map(row -> new Row(new PersonSummary(row.get("id", UUID.class), row.get("holder_id", String.class),
                        row.get("birth_name", String.class), row.get("usual_name", String.class),
                        row.get("given_names", String.class), row.get("email", String.class), row.get("status", String.class),
                        row.get("collectivity_id", UUID.class), row.get("collectivity_name", String.class),
                        row.get("insee_code", String.class), row.get("service", String.class),
                        row.get("job_title", String.class), Arrays.asList(row.get("roles", String[].class))),
                        new SearchCursor(row.get("search_name", String.class), row.get("id", UUID.class),
                                row.get("membership_id", UUID.class))))
                .all();
    }

    /** The SQL of a search and its bindings (also what the benchmark explains). */
    static SqlCondition query(CollectivityScope scope, PeopleSearch search, List<SqlCondition> extra, LocalDate today) {
        List<SqlCondition> conditions = new ArrayList<>();
        conditions.add(new SqlCondition("a.role = 'agent'", Map.of()));
        if (!scope.all()) {
            conditions.add(new SqlCondition("a.collectivity_id = any(:scope)", Map.of("scope", scope.idArray())));
        }
        // A prefix is a range of the (search_name, id) index, read in order. A substring goes through
        // the trigram index and its matches must be sorted: nation-wide, the matching people are
        // sorted first (a subquery the planner keeps apart), so that only the first page is joined to
        // its memberships; in a narrower scope the memberships come first and the order is taken from
        // an expression, so that the planner cannot walk the whole name index for scattered matches.
        boolean substring = search.name().isPresent() && !search.prefix();
        boolean nationWide = scope.all() && search.collectivityId().isEmpty() && search.inseeCode().isEmpty();
        String people = "person p";
        String orderKey = "p.search_name";
        if (substring && nationWide) {
            people = "(select * from person p where p.search_name like ('%' || directory_fold(:name) || '%')"
                    + " order by p.search_name, p.id offset 0) p";
            conditions.add(new SqlCondition("true", Map.of("name", search.name().get())));
        } else if (substring) {
            orderKey = "(p.search_name || '')";
        }
        if (!(substring && nationWide)) {
            search.name().ifPresent(name -> conditions.add(new SqlCondition(search.prefix()
                    ? "p.search_name >= directory_fold(:name) and p.search_name < (directory_fold(:name) || chr(1114111))"
                    : "p.search_name like ('%' || directory_fold(:name) || '%')", Map.of("name", name))));
        }
        search.collectivityId().ifPresent(id -> conditions.add(new SqlCondition("a.collectivity_id = :collectivity",
                Map.of("collectivity", id))));
        search.inseeCode().ifPresent(insee -> conditions.add(new SqlCondition("c.insee_code = :insee", Map.of("insee", insee))));
        search.function().ifPresent(function -> conditions.add(new SqlCondition(
                "directory_fold(coalesce(a.job_title, '') || ' ' || coalesce(a.service, '')) like ('%' || directory_fold(:function) || '%')",
                Map.of("function", likeLiteral(function)))));
        search.status().ifPresent(status -> conditions.add(new SqlCondition("p.status = :status",
                Map.of("status", status.databaseName()))));
        search.after().ifPresent(after -> conditions.add(new SqlCondition(
                "(p.search_name, p.id, a.id) > (:afterName, :afterPerson, :afterMembership)",
                Map.of("afterName", after.searchName(), "afterPerson", after.personId(),
                        "afterMembership", after.membershipId()))));
        conditions.addAll(extra);

        Map<String, Object> bindings = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        for (SqlCondition condition : conditions) {
            where.add("(" + condition.sql() + ")");
            bindings.putAll(condition.bindings());
        }
        String sql = "select p.id, p.holder_id, p.birth_name, p.usual_name, p.given_names, p.email, p.status, p.search_name,"
                + " a.id as membership_id, a.collectivity_id, c.name as collectivity_name, c.insee_code, a.service, a.job_title,"
                + " array(select r.role from role_assignment r where r.person_id = p.id"
                + "   and r.collectivity_id = a.collectivity_id and r.role in ('mayor', 'delegate')"
                + "   and r.starts_on <= :today and (r.ends_on is null or r.ends_on >= :today) order by r.role) as roles"
                + " from role_assignment a"
                + " join " + people + " on p.id = a.person_id"
                + " join collectivity c on c.id = a.collectivity_id"
                + " where " + String.join(" and ", where)
                + " order by " + orderKey + ", p.id, a.id"
                + " limit " + (search.limit() + 1);
        bindings.put("today", today);
        return new SqlCondition(sql, bindings);
    }

    /** The text as a LIKE literal: its own % and _ match themselves (the name parameter cannot contain them). */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A result and the cursor just after it. */
    record Row(PersonSummary summary, SearchCursor cursor) {
    }
}
