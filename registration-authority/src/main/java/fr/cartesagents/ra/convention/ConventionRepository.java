package fr.cartesagents.ra.convention;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ra.lifecycle.StateGuard;
import fr.cartesagents.ra.web.ResultPage;
import fr.cartesagents.ra.security.CollectivityScope;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code convention}, {@code convention_party} and {@code convention_delegate} rows. */
@Repository
class ConventionRepository implements ConventionQueries {

    private static final String VIEW = "select c.*,"
            + " array(select p.collectivity_id from convention_party p where p.convention_id = c.id order by p.collectivity_id) as party_ids,"
            + " array(select d.person_id from convention_delegate d where d.convention_id = c.id order by d.person_id) as delegate_ids"
            + " from convention c";

    private final DatabaseClient database;

    ConventionRepository(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<ActiveConventions> active(UUID collectivityId, String kind) {
        return database.sql("select count(*) as n, coalesce(sum(c.workstations), 0) as workstations from convention c"
                        + " join convention_party p on p.convention_id = c.id"
                        + " where p.collectivity_id = :collectivity and c.kind = :kind and c.state = 'active'")
                .bind("collectivity", collectivityId).bind("kind", kind)
                .map(row -> new ActiveConventions(row.get("n", Number.class).longValue(), row.get("workstations", Number.class).longValue()))
                .one();
    }

    Mono<ConventionRow> find(UUID id) {
        return database.sql(VIEW + " where c.id = :id").bind("id", id).map(ConventionRepository::row).one();
    }

    Mono<ResultPage<ConventionRow>> search(CollectivityScope scope, Optional<UUID> collectivity, Optional<ConventionKind> kind,
                                           Optional<ConventionState> state, int page, int size) {
        List<String> conditions = new ArrayList<>();
        if (!scope.all()) {
            conditions.add("exists (select 1 from convention_party p where p.convention_id = c.id and p.collectivity_id = any(:scope))");
        }
        collectivity.ifPresent(id -> conditions.add(
                "exists (select 1 from convention_party p where p.convention_id = c.id and p.collectivity_id = :collectivity)"));
        kind.ifPresent(k -> conditions.add("c.kind = :kind"));
        state.ifPresent(s -> conditions.add("c.state = :state"));
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        var count = database.sql("select count(*) as n from convention c" + where);
        var items = database.sql(VIEW + where + " order by c.created_at, c.id limit :limit offset :offset")
                .bind("limit", size).bind("offset", (long) page * size);
        if (!scope.all()) {
            count = count.bind("scope", scope.idArray());
            items = items.bind("scope", scope.idArray());
        }
        if (collectivity.isPresent()) {
            count = count.bind("collectivity", collectivity.get());
            items = items.bind("collectivity", collectivity.get());
        }
        if (kind.isPresent()) {
            count = count.bind("kind", kind.get().databaseName());
            items = items.bind("kind", kind.get().databaseName());
        }
        if (state.isPresent()) {
            count = count.bind("state", state.get().databaseName());
            items = items.bind("state", state.get().databaseName());
        }
        return Mono.zip(items.map(ConventionRepository::row).all().collectList(), count.map(row -> row.get("n", Long.class)).one())
                .map(found -> new ResultPage<>(found.getT1(), page, size, found.getT2()));
    }

    Mono<Void> insert(UUID id, ConventionKind kind, String reference, List<UUID> parties, ConventionAnnex annex) {
        return database.sql("insert into convention (id, kind, reference, officers, agents, workstations)"
                        + " values (:id, :kind, :reference, :officers, :agents, :workstations)")
                .bind("id", id).bind("kind", kind.databaseName())
                .bind("reference", Parameter.fromOrEmpty(reference, String.class))
                .bind("officers", Parameter.fromOrEmpty(annex.officers(), Integer.class))
                .bind("agents", Parameter.fromOrEmpty(annex.agents(), Integer.class))
                .bind("workstations", Parameter.fromOrEmpty(annex.workstations(), Integer.class))
                .then()
                .then(database.sql("insert into convention_party (convention_id, collectivity_id) select :id, unnest(:parties::uuid[])")
                        .bind("id", id).bind("parties", parties.toArray(UUID[]::new)).then())
                .then(insertDelegates(id, annex.delegateIds()));
    }

    Mono<Long> updateAnnex(UUID id, long expectedVersion, ConventionAnnex annex) {
        return database.sql("update convention set officers = :officers, agents = :agents, workstations = :workstations,"
                        + " version = version + 1, updated_at = now() where id = :id and version = :expected")
                .bind("id", id).bind("expected", expectedVersion)
                .bind("officers", Parameter.fromOrEmpty(annex.officers(), Integer.class))
                .bind("agents", Parameter.fromOrEmpty(annex.agents(), Integer.class))
                .bind("workstations", Parameter.fromOrEmpty(annex.workstations(), Integer.class))
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 0 ? Mono.just(0L)
                        : database.sql("delete from convention_delegate where convention_id = :id").bind("id", id).then()
                                .then(insertDelegates(id, annex.delegateIds())).thenReturn(updated));
    }

    private Mono<Void> insertDelegates(UUID id, List<UUID> delegates) {
        if (delegates.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("insert into convention_delegate (convention_id, person_id) select :id, unnest(:people::uuid[])"
                        + " on conflict do nothing")
                .bind("id", id).bind("people", delegates.toArray(UUID[]::new)).then();
    }

    /**
     * Takes {@code action} if the convention is still at {@code expectedVersion} and in a state the
     * action starts from; the dates the new state carries are set with it.
     */
    Mono<Long> transition(UUID id, long expectedVersion, ConventionAction action, LocalDate on, Optional<UUID> suspendedBy) {
        StateGuard guard = ConventionLifecycle.TABLE.guard(action);
        ConventionState next = ConventionLifecycle.TABLE.transition(action).to();
        String dates = switch (next) {
            case SIGNED -> ", signed_on = :on";
            case ACTIVE -> ", activated_on = coalesce(activated_on, :on)";
            case TERMINATION_REQUESTED -> ", termination_requested_on = :on, terminates_on = :terminatesOn";
            default -> "";
        };
        var update = guard.bind(database.sql("update convention set " + guard.set("state") + ", suspended_by_convention_id = :suspendedBy"
                        + dates + ", version = version + 1, updated_at = now() where id = :id and version = :expected and "
                        + guard.where("state")))
                .bind("id", id).bind("expected", expectedVersion)
                .bind("suspendedBy", Parameter.fromOrEmpty(suspendedBy.orElse(null), UUID.class));
        if (!dates.isEmpty()) {
            update = update.bind("on", on);
        }
        if (next == ConventionState.TERMINATION_REQUESTED) {
            update = update.bind("terminatesOn", on.plus(ConventionTerm.NOTICE));
        }
        return update.fetch().rowsUpdated();
    }

    /** Suspends the active CARTES conventions of the communes party to {@code comedec}; returns them. */
    Flux<CascadedChange> suspendCartesOf(UUID comedec) {
        StateGuard guard = ConventionLifecycle.TABLE.guard(ConventionAction.SUSPEND);
        return guard.bind(database.sql("update convention c set " + guard.set("state") + ", suspended_by_convention_id = :comedec,"
                        + " version = c.version + 1, updated_at = now()"
                        + " where c.kind = :cartes and " + guard.where("c.state") + " and exists (select 1 from convention_party p"
                        + " join convention_party q on q.collectivity_id = p.collectivity_id"
                        + " where p.convention_id = c.id and q.convention_id = :comedec)"
                        + " returning c.id, (select min(p.collectivity_id::text) from convention_party p where p.convention_id = c.id) as party"))
                .bind("comedec", comedec).bind("cartes", ConventionKind.CARTES.databaseName())
                .map(ConventionRepository::cascaded).all();
    }

    /** Reactivates the CARTES conventions that {@code comedec}'s suspension suspended; returns them. */
    Flux<CascadedChange> reactivateCartesOf(UUID comedec) {
        StateGuard guard = ConventionLifecycle.TABLE.guard(ConventionAction.REACTIVATE);
        return guard.bind(database.sql("update convention c set " + guard.set("state") + ", suspended_by_convention_id = null,"
                        + " version = c.version + 1, updated_at = now()"
                        + " where c.suspended_by_convention_id = :comedec and " + guard.where("c.state")
                        + " returning c.id, (select min(p.collectivity_id::text) from convention_party p where p.convention_id = c.id) as party"))
                .bind("comedec", comedec)
                .map(ConventionRepository::cascaded).all();
    }

    /**
     * Ends the notice of every convention whose termination date has come. Safe with several
     * server instances running it at once: the row lock and the re-checked {@code where} let one
     * instance only move each convention (the others update nothing).
     */
    Flux<CascadedChange> terminateDue(LocalDate today) {
        StateGuard guard = ConventionLifecycle.TABLE.guard(ConventionAction.TERMINATE);
        return guard.bind(database.sql("update convention c set " + guard.set("state") + ", version = c.version + 1, updated_at = now()"
                        + " where " + guard.where("c.state") + " and c.terminates_on <= :today"
                        + " returning c.id, (select min(p.collectivity_id::text) from convention_party p where p.convention_id = c.id) as party,"
                        + " c.kind"))
                .bind("today", today)
                .map(row -> new CascadedChange(row.get("id", UUID.class), Optional.ofNullable(row.get("party", String.class)).map(UUID::fromString),
                        Optional.of(ConventionKind.fromDatabaseName(row.get("kind", String.class)))))
                .all();
    }

    Mono<Long> versionOf(UUID id) {
        return database.sql("select version from convention where id = :id").bind("id", id)
                .map(row -> row.get("version", Long.class)).one();
    }

    /** A convention another one's change moved, with the collectivity to file the audit event under. */
    record CascadedChange(UUID id, Optional<UUID> party, Optional<ConventionKind> kind) {
    }

    private static CascadedChange cascaded(Readable row) {
        return new CascadedChange(row.get("id", UUID.class), Optional.ofNullable(row.get("party", String.class)).map(UUID::fromString),
                Optional.of(ConventionKind.CARTES));
    }

    private static ConventionRow row(Readable row) {
        UUID[] parties = row.get("party_ids", UUID[].class);
        UUID[] delegates = row.get("delegate_ids", UUID[].class);
        return new ConventionRow(row.get("id", UUID.class), ConventionKind.fromDatabaseName(row.get("kind", String.class)),
                row.get("reference", String.class), ConventionState.fromDatabaseName(row.get("state", String.class)),
                parties == null ? List.of() : Arrays.asList(parties),
                Optional.ofNullable(row.get("signed_on", LocalDate.class)), Optional.ofNullable(row.get("activated_on", LocalDate.class)),
                Optional.ofNullable(row.get("termination_requested_on", LocalDate.class)),
                Optional.ofNullable(row.get("terminates_on", LocalDate.class)),
                Optional.ofNullable(row.get("suspended_by_convention_id", UUID.class)),
                new ConventionAnnex(delegates == null ? List.of() : Arrays.asList(delegates), row.get("officers", Integer.class),
                        row.get("agents", Integer.class), row.get("workstations", Integer.class)),
                row.get("version", Long.class));
    }
}
