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

    /**
     * From how many readable collectivities a name search starts from the name rather than from their
     * memberships (a registration office serves about 350 communes, a mayor or a delegate one).
     */
    static final int MANY_COLLECTIVITIES = 50;

    /**
     * The name parameter folded once per statement (a scalar subquery): in the generic plan of a cached
     * prepared statement, directory_fold(:name) as an operand would run again for every row compared.
     */
    private static final String FOLDED_NAME = "(select directory_fold(:name))";

    /**
     * The window of the folded name whose range in person_search_gram is the shortest, counted up to 200
     * entries each (enough to tell a rare window from a frequent one, at most a few hundred index entries
     * per window): the fewer people it lists, the fewer are read before the page is full.
     */
    private static final String RAREST_WINDOW = "select w.gram from unnest(directory_search_grams(" + FOLDED_NAME + ")) w (gram)"
            + " order by (select count(*) from (select 1 from person_search_gram x where x.gram = w.gram limit 200) f), w.gram"
            + " limit 1";

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
        // Three ways to the first page, all giving the same rows in the same order (see docs/architecture.md,
        // "Directory search"). A prefix is a range of the (search_name, id) index, read in order. A substring
        // of 3 characters or more is read from person_search_gram: the range of its rarest window lists the
        // people in name order, so nation-wide the first page is found by reading that range in order and
        // joining person after person until the page is full (strpos rather than LIKE: the same test for a
        // text without wildcards, whose selectivity the planner does not underestimate into a full sort);
        // over many collectivities (a registration office), the range keeps only the office's memberships
        // of those people. In one or a few collectivities, the memberships come first and the few names
        // are compared directly. Outside the nation-wide search the order is taken from an expression, so
        // that the planner cannot walk the whole name index for matches scattered along it.
        boolean substring = search.name().isPresent() && !search.prefix();
        boolean oneCollectivity = search.collectivityId().isPresent() || search.inseeCode().isPresent();
        boolean nationWide = scope.all() && !oneCollectivity;
        boolean fewCollectivities = oneCollectivity || (!scope.all() && scope.ids().size() < MANY_COLLECTIVITIES);
        boolean byWindow = substring && !fewCollectivities && foldsToAtLeastThree(search.name().get());
        String people = "person p";
        String orderKey = substring && !nationWide ? "(p.search_name || ''), p.id" : "p.search_name, p.id";
        if (byWindow && nationWide) {
            String after = search.after().map(cursor -> " and (g.search_name, g.person_id) >= (:afterName, :afterPerson)")
                    .orElse("");
            people = "(select g.search_name, g.person_id from person_search_gram g where g.gram = (" + RAREST_WINDOW + ")"
                    + " and strpos(g.search_name, " + FOLDED_NAME + ") > 0" + after
                    + " order by g.search_name, g.person_id offset 0) n join person p on p.id = n.person_id";
            orderKey = "n.search_name, n.person_id";
            conditions.add(new SqlCondition("true", Map.of("name", search.name().get())));
        } else if (byWindow) {
            conditions.add(new SqlCondition("a.person_id in (select g.person_id from person_search_gram g"
                    + " where g.gram = (" + RAREST_WINDOW + ") and strpos(g.search_name, " + FOLDED_NAME + ") > 0)",
                    Map.of("name", search.name().get())));
        } else {
            search.name().ifPresent(name -> conditions.add(new SqlCondition(search.prefix()
                    ? "p.search_name >= directory_fold(:name) and p.search_name < (directory_fold(:name) || chr(1114111))"
                    : "p.search_name like ('%' || " + FOLDED_NAME + " || '%')", Map.of("name", name))));
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
                + " from " + people
                + " join role_assignment a on a.person_id = p.id"
                + " join collectivity c on c.id = a.collectivity_id"
                + " where " + String.join(" and ", where)
                + " order by " + orderKey + ", a.id"
                + " limit " + (search.limit() + 1);
        bindings.put("today", today);
        return new SqlCondition(sql, bindings);
    }

    /**
     * Whether the name, folded by directory_fold, has at least 3 characters, so that it has a window in
     * person_search_gram: each letter folds to one character or more (only apostrophes, hyphens and spaces
     * can vanish). A name of fewer letters takes the other way, which gives the same rows.
     */
    static boolean foldsToAtLeastThree(String name) {
        return name.codePoints().filter(Character::isLetter).limit(3).count() == 3;
    }

    /** The text as a LIKE literal: its own % and _ match themselves (the name parameter cannot contain them). */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A result and the cursor just after it. */
    record Row(PersonSummary summary, SearchCursor cursor) {
    }
}
