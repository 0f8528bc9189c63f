package fr.cartesagents.ra.collectivity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ra.directory.AppointingCollectivities;
import fr.cartesagents.ra.security.CollectivityAccessFacts;
import fr.cartesagents.ra.security.CollectivityScope;
import fr.cartesagents.ra.web.ResultPage;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code collectivity} and {@code collectivity_member} rows (and the demo's office, {@link TerritorySeeding}). */
@Repository
class CollectivityRepository implements CollectivityQueries, CollectivityAccessFacts, AppointingCollectivities, TerritorySeeding {

    private static final String VIEW = "select c.id, c.kind, c.insee_code, c.siren, c.name, c.department, c.legal_form,"
            + " c.registration_office_id, c.trust_suspended, c.mayor_manages_cards, c.version,"
            + " array(select m.member_id from collectivity_member m where m.grouping_id = c.id order by m.member_id) as member_ids"
            + " from collectivity c";

    private final DatabaseClient database;

    CollectivityRepository(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<CollectivityAccessFacts.Target> target(UUID collectivity) {
        return database.sql("select id, registration_office_id, trust_suspended from collectivity where id = :id")
                .bind("id", collectivity)
                .map(row -> new CollectivityAccessFacts.Target(row.get("id", UUID.class),
                        Optional.ofNullable(row.get("registration_office_id", UUID.class)),
                        Boolean.TRUE.equals(row.get("trust_suspended", Boolean.class))))
                .one();
    }

    @Override
    public Flux<UUID> servedBy(java.util.Set<UUID> offices) {
        return database.sql("select id from collectivity where registration_office_id = any(:offices)")
                .bind("offices", offices.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    @Override
    public Flux<CollectivityIdentity> identities(java.util.Collection<UUID> ids) {
        return database.sql("select c.id, c.kind, c.siren, c.insee_code, c.name,"
                        + " array(select g.insee_code from collectivity_member cm join collectivity g on g.id = cm.member_id"
                        + "   where cm.grouping_id = c.id and g.insee_code is not null order by g.insee_code) as members"
                        + " from collectivity c where c.id = any(:ids) order by c.name, c.id")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> new CollectivityIdentity(row.get("id", UUID.class), row.get("kind", String.class),
                        row.get("siren", String.class), row.get("insee_code", String.class), row.get("name", String.class),
                        Arrays.asList(row.get("members", String[].class))))
                .all();
    }

    @Override
    public Mono<String> kindOf(UUID collectivity) {
        return database.sql("select kind from collectivity where id = :id").bind("id", collectivity)
                .map(row -> row.get("kind", String.class)).one();
    }

    @Override
    public Flux<UUID> communesAmong(java.util.Collection<UUID> ids) {
        return database.sql("select id from collectivity where id = any(:ids) and kind = 'commune'")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class)).all();
    }

    @Override
    public Mono<UUID> communeOfInsee(String inseeCode) {
        return database.sql("select id from collectivity where insee_code = :insee and kind = 'commune'").bind("insee", inseeCode)
                .map(row -> row.get("id", UUID.class)).one();
    }

    @Override
    public Mono<AppointingFacts> lockForAppointments(UUID collectivity) {
        return appointingFacts(collectivity, " for update");
    }

    @Override
    public Mono<AppointingFacts> appointingFacts(UUID collectivity) {
        return appointingFacts(collectivity, "");
    }

    private Mono<AppointingFacts> appointingFacts(UUID collectivity, String lock) {
        return database.sql("select kind, mayor_manages_cards from collectivity where id = :id" + lock)
                .bind("id", collectivity)
                .map(row -> new AppointingFacts(row.get("kind", String.class),
                        Boolean.TRUE.equals(row.get("mayor_manages_cards", Boolean.class))))
                .one();
    }

    @Override
    public Mono<Void> lock(UUID collectivity) {
        return database.sql("select id from collectivity where id = :id for update").bind("id", collectivity).then();
    }

    @Override
    public Mono<Boolean> setTrustSuspended(UUID collectivity, boolean suspended) {
        return database.sql("update collectivity set trust_suspended = :suspended, version = version + 1, updated_at = now()"
                        + " where id = :id and trust_suspended <> :suspended returning trust_suspended")
                .bind("id", collectivity).bind("suspended", suspended)
                .map(row -> row.get("trust_suspended", Boolean.class)).one();
    }

    @Override
    public Mono<CollectivityFacts> facts(UUID collectivityId) {
        return database.sql("select c.id, c.name, c.siren, c.registration_office_id, o.name as office_name from collectivity c"
                        + " left join registration_office o on o.id = c.registration_office_id where c.id = :id")
                .bind("id", collectivityId)
                .map(row -> new CollectivityFacts(row.get("id", UUID.class), row.get("name", String.class), row.get("siren", String.class),
                        Optional.ofNullable(row.get("registration_office_id", UUID.class)),
                        Optional.ofNullable(row.get("office_name", String.class))))
                .one();
    }

    Mono<CollectivityView> find(UUID id) {
        return database.sql(VIEW + " where c.id = :id").bind("id", id).map(CollectivityRepository::view).one();
    }

    Mono<ResultPage<CollectivityView>> search(CollectivitySearch search, CollectivityScope scope) {
        List<String> conditions = new ArrayList<>();
        if (!scope.all()) {
            conditions.add("c.id = any(:scope)");
        }
        search.namePrefix().ifPresent(prefix -> conditions.add("c.search_key like collectivity_search_key(:name) || '%'"));
        if (search.insee() != null) {
            conditions.add("c.insee_code = :insee");
        }
        if (search.department() != null) {
            conditions.add("c.department = :department");
        }
        if (search.kind() != null) {
            conditions.add("c.kind = :kind");
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        Mono<Long> total = bindSearch(database.sql("select count(*) as n from collectivity c" + where), search, scope)
                .map(row -> row.get("n", Long.class)).one();
        Mono<List<CollectivityView>> items = bindSearch(database.sql(VIEW + where
                        + " order by c.search_key, c.id limit :limit offset :offset"), search, scope)
                .bind("limit", search.size())
                .bind("offset", (long) search.page() * search.size())
                .map(CollectivityRepository::view).all().collectList();
        return Mono.zip(items, total).map(found -> new ResultPage<>(found.getT1(), search.page(), search.size(), found.getT2()));
    }

    private static DatabaseClient.GenericExecuteSpec bindSearch(DatabaseClient.GenericExecuteSpec query, CollectivitySearch search,
                                                                CollectivityScope scope) {
        if (!scope.all()) {
            query = query.bind("scope", scope.idArray());
        }
        if (search.namePrefix().isPresent()) {
            query = query.bind("name", search.namePrefix().get());
        }
        if (search.insee() != null) {
            query = query.bind("insee", search.insee());
        }
        if (search.department() != null) {
            query = query.bind("department", search.department());
        }
        if (search.kind() != null) {
            query = query.bind("kind", search.kind());
        }
        return query;
    }

    Mono<Boolean> exists(String column, String value) {
        return database.sql("select exists(select 1 from collectivity where " + column + " = :value) as found")
                .bind("value", value).map(row -> row.get("found", Boolean.class)).one();
    }

    Mono<Void> insert(UUID id, CollectivityKind kind, Optional<String> insee, Optional<String> siren, String name,
                      String department, Optional<String> legalForm, Optional<UUID> office) {
        return database.sql("insert into collectivity (id, kind, insee_code, siren, name, department, legal_form, registration_office_id)"
                        + " values (:id, :kind, :insee, :siren, :name, :department, :legalForm, :office)")
                .bind("id", id)
                .bind("kind", kind.databaseName())
                .bind("insee", Parameter.fromOrEmpty(insee.orElse(null), String.class))
                .bind("siren", Parameter.fromOrEmpty(siren.orElse(null), String.class))
                .bind("name", name)
                .bind("department", department)
                .bind("legalForm", Parameter.fromOrEmpty(legalForm.orElse(null), String.class))
                .bind("office", Parameter.fromOrEmpty(office.orElse(null), UUID.class))
                .then();
    }

    @Override
    public Mono<UUID> office(String code, String name, String department) {
        return database.sql("insert into registration_office (id, code, name, department) values (:id, :code, :name, :department)"
                        + " on conflict (code) do nothing")
                .bind("id", UUID.randomUUID()).bind("code", code).bind("name", name).bind("department", department)
                .then()
                .then(database.sql("select id from registration_office where code = :code").bind("code", code)
                        .map(row -> row.get("id", UUID.class)).one());
    }

    @Override
    public Mono<UUID> commune(String insee, String siren, String name, String department, UUID office) {
        return database.sql("insert into collectivity (id, kind, insee_code, siren, name, department, registration_office_id)"
                        + " values (:id, :kind, :insee, :siren, :name, :department, :office)"
                        + " on conflict (insee_code) do update set registration_office_id"
                        + " = coalesce(collectivity.registration_office_id, excluded.registration_office_id)"
                        + " returning id")
                .bind("id", UUID.randomUUID()).bind("kind", CollectivityKind.COMMUNE.databaseName()).bind("insee", insee)
                .bind("siren", siren).bind("name", name).bind("department", department).bind("office", office)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    Mono<Long> update(UUID id, long expectedVersion, String name, Optional<String> siren, String department,
                      Optional<String> legalForm) {
        return database.sql("update collectivity set name = :name, siren = :siren, department = :department, legal_form = :legalForm,"
                        + " version = version + 1, updated_at = now() where id = :id and version = :expected")
                .bind("id", id).bind("expected", expectedVersion)
                .bind("name", name)
                .bind("siren", Parameter.fromOrEmpty(siren.orElse(null), String.class))
                .bind("department", department)
                .bind("legalForm", Parameter.fromOrEmpty(legalForm.orElse(null), String.class))
                .fetch().rowsUpdated();
    }

    Mono<Long> assignOffice(UUID id, long expectedVersion, UUID office) {
        return database.sql("update collectivity set registration_office_id = :office, version = version + 1, updated_at = now()"
                        + " where id = :id and version = :expected")
                .bind("id", id).bind("expected", expectedVersion).bind("office", office)
                .fetch().rowsUpdated();
    }

    Mono<Long> setCardManagement(UUID id, long expectedVersion, boolean mayorManagesCards) {
        return database.sql("update collectivity set mayor_manages_cards = :flag, version = version + 1, updated_at = now()"
                        + " where id = :id and version = :expected")
                .bind("id", id).bind("expected", expectedVersion).bind("flag", mayorManagesCards)
                .fetch().rowsUpdated();
    }

    /** Bumps the grouping's version (its members are part of it), then replaces its members. */
    Mono<Long> replaceMembers(UUID grouping, long expectedVersion, List<UUID> members) {
        return database.sql("update collectivity set version = version + 1, updated_at = now() where id = :id and version = :expected")
                .bind("id", grouping).bind("expected", expectedVersion)
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 0 ? Mono.just(0L) : insertMembers(grouping, members, true).thenReturn(updated));
    }

    Mono<Void> insertMembers(UUID grouping, List<UUID> members, boolean replacing) {
        Mono<Void> clear = replacing
                ? database.sql("delete from collectivity_member where grouping_id = :id").bind("id", grouping).then()
                : Mono.empty();
        return clear.then(database.sql("insert into collectivity_member (grouping_id, member_id)"
                        + " select :grouping, unnest(:members::uuid[])")
                .bind("grouping", grouping).bind("members", members.toArray(UUID[]::new)).then());
    }

    /** The kinds of the given collectivities, for those that exist. */
    Flux<IdAndKind> kindsOf(List<UUID> ids) {
        return database.sql("select id, kind from collectivity where id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> new IdAndKind(row.get("id", UUID.class), CollectivityKind.fromDatabaseName(row.get("kind", String.class))))
                .all();
    }

    Mono<Long> versionOf(UUID id) {
        return database.sql("select version from collectivity where id = :id").bind("id", id)
                .map(row -> row.get("version", Long.class)).one();
    }

    record IdAndKind(UUID id, CollectivityKind kind) {
    }

    private static CollectivityView view(Readable row) {
        UUID[] members = row.get("member_ids", UUID[].class);
        return new CollectivityView(row.get("id", UUID.class), row.get("kind", String.class), row.get("insee_code", String.class),
                row.get("siren", String.class), row.get("name", String.class), row.get("department", String.class),
                row.get("legal_form", String.class), row.get("registration_office_id", UUID.class),
                Boolean.TRUE.equals(row.get("trust_suspended", Boolean.class)),
                Boolean.TRUE.equals(row.get("mayor_manages_cards", Boolean.class)),
                members == null ? List.of() : Arrays.asList(members), row.get("version", Long.class));
    }
}
