package fr.cartesagents.ra.collectivity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads the official communes and EPCI ({@code @etalab/decoupage-administratif}) into
 * {@code collectivity}: an upsert by INSEE code (communes) or SIREN (EPCI), a batch of rows per
 * statement, a row written only when a value changed, so that running it again changes nothing.
 * One import is one transaction with its audit event: all of it or nothing. Entries that fail
 * the checks (INSEE code, SIREN Luhn digit, name) are counted and left out, never half-loaded.
 * Who may run it is the caller's business (the admin endpoint, the command).
 */
@Service
public class ReferenceDataImport {

    static final int BATCH = 1000;
    private static final int REJECTED_LISTED = 20;
    private static final Pattern NAME = Pattern.compile(OfficialName.PATTERN);

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final AuditTrail audit;

    ReferenceDataImport(DatabaseClient database, TransactionalOperator transactions, AuditTrail audit) {
        this.database = database;
        this.transactions = transactions;
        this.audit = audit;
    }

    public Mono<ImportReport> importCommunes(Flux<CommuneEntry> entries, AuditEntryFactory auditEntry) {
        Tally tally = new Tally();
        return transactions.transactional(entries
                        .doOnNext(entry -> tally.read.incrementAndGet())
                        .filter(entry -> {
                            boolean current = entry.current();
                            if (!current) {
                                tally.skipped.incrementAndGet();
                            }
                            return current;
                        })
                        .filter(entry -> tally.accept(validCommune(entry), entry.code()))
                        .buffer(BATCH)
                        .map(batch -> lastOfEach(batch, CommuneEntry::code))
                        .concatMap(this::upsertCommunes)
                        .doOnNext(tally::count)
                        .then(Mono.defer(() -> audit.append(auditEntry.of(ReferenceDataEvent.COMMUNES_IMPORTED.auditName(), tally.details()))))
                        .then(Mono.fromSupplier(tally::report)));
    }

    public Mono<ImportReport> importEpcis(Flux<EpciEntry> entries, AuditEntryFactory auditEntry) {
        Tally tally = new Tally();
        return transactions.transactional(entries
                        .doOnNext(entry -> tally.read.incrementAndGet())
                        .filter(entry -> tally.accept(validEpci(entry), entry.code()))
                        .buffer(BATCH)
                        .map(batch -> lastOfEach(batch, EpciEntry::code))
                        .concatMap(batch -> upsertEpcis(batch).doOnNext(tally::count).then(replaceMembers(batch)))
                        .doOnNext(tally.unknownMembers::addAndGet)
                        .then(Mono.defer(() -> audit.append(auditEntry.of(ReferenceDataEvent.EPCIS_IMPORTED.auditName(), tally.details()))))
                        .then(Mono.fromSupplier(tally::report)));
    }

    /** Builds the audit entry of an import from its action and counts: the caller knows who runs it. */
    @FunctionalInterface
    public interface AuditEntryFactory {
        AuditEntry of(String action, Map<String, String> details);
    }

    private static boolean validCommune(CommuneEntry entry) {
        return InseeCode.isValid(entry.code())
                && new InseeCode(entry.code()).department().code().equals(entry.departement())
                && validName(entry.nom())
                && (entry.siren() == null || validSiren(entry.siren()));
    }

    private static boolean validEpci(EpciEntry entry) {
        return validSiren(entry.code()) && validName(entry.nom()) && entry.type() != null && entry.type().matches("[A-Z0-9]{1,10}")
                && !entry.membres().isEmpty() && entry.membres().stream().allMatch(member -> InseeCode.isValid(member.code()));
    }

    private static boolean validName(String name) {
        return name != null && name.length() <= 200 && NAME.matcher(name).matches();
    }

    private static boolean validSiren(String value) {
        try {
            new Siren(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Mono<Written> upsertCommunes(List<CommuneEntry> batch) {
        return database.sql("insert into collectivity (id, kind, insee_code, siren, name, department)"
                        + " select gen_random_uuid(), 'commune', c.insee, c.siren, c.name, c.department"
                        + " from unnest(:insee::text[], :siren::text[], :name::text[], :department::text[]) as c(insee, siren, name, department)"
                        + " on conflict (insee_code) do update set name = excluded.name, department = excluded.department,"
                        + " siren = coalesce(excluded.siren, collectivity.siren), version = collectivity.version + 1, updated_at = now()"
                        + " where (collectivity.name, collectivity.department, collectivity.siren)"
                        + " is distinct from (excluded.name, excluded.department, coalesce(excluded.siren, collectivity.siren))"
                        + " returning (xmax = 0) as inserted")
                .bind("insee", column(batch, CommuneEntry::code))
                .bind("siren", column(batch, CommuneEntry::siren))
                .bind("name", column(batch, CommuneEntry::nom))
                .bind("department", column(batch, CommuneEntry::departement))
                .map(ReferenceDataImport::inserted)
                .all()
                .collectList()
                .map(rows -> Written.of(batch.size(), rows));
    }

    private Mono<Written> upsertEpcis(List<EpciEntry> batch) {
        return database.sql("insert into collectivity (id, kind, siren, name, department, legal_form)"
                        + " select gen_random_uuid(), 'epci', e.siren, e.name, e.department, e.form"
                        + " from unnest(:siren::text[], :name::text[], :department::text[], :form::text[]) as e(siren, name, department, form)"
                        + " on conflict (siren) do update set name = excluded.name, department = excluded.department,"
                        + " legal_form = excluded.legal_form, version = collectivity.version + 1, updated_at = now()"
                        + " where collectivity.kind = 'epci' and (collectivity.name, collectivity.department, collectivity.legal_form)"
                        + " is distinct from (excluded.name, excluded.department, excluded.legal_form)"
                        + " returning (xmax = 0) as inserted")
                .bind("siren", column(batch, EpciEntry::code))
                .bind("name", column(batch, EpciEntry::nom))
                .bind("department", column(batch, ReferenceDataImport::mainDepartment))
                .bind("form", column(batch, EpciEntry::type))
                .map(ReferenceDataImport::inserted)
                .all()
                .collectList()
                .map(rows -> Written.of(batch.size(), rows));
    }

    /** Replaces the members of the batch's EPCI; answers how many member codes name no commune in the database. */
    private Mono<Long> replaceMembers(List<EpciEntry> batch) {
        List<String> epci = new ArrayList<>();
        List<String> member = new ArrayList<>();
        for (EpciEntry entry : batch) {
            for (EpciEntry.Member m : entry.membres()) {
                epci.add(entry.code());
                member.add(m.code());
            }
        }
        String[] sirens = batch.stream().map(EpciEntry::code).toArray(String[]::new);
        return database.sql("delete from collectivity_member where grouping_id in"
                        + " (select id from collectivity where kind = 'epci' and siren = any(:sirens))")
                .bind("sirens", sirens).then()
                .then(database.sql("insert into collectivity_member (grouping_id, member_id)"
                                + " select g.id, m.id from unnest(:epci::text[], :member::text[]) as x(siren, insee)"
                                + " join collectivity g on g.siren = x.siren and g.kind = 'epci'"
                                + " join collectivity m on m.insee_code = x.insee and m.kind = 'commune'"
                                + " on conflict do nothing")
                        .bind("epci", epci.toArray(String[]::new))
                        .bind("member", member.toArray(String[]::new))
                        .fetch().rowsUpdated())
                .map(linked -> member.size() - linked);
    }

    /** The department most of the EPCI's members belong to (an EPCI may straddle two). */
    private static String mainDepartment(EpciEntry entry) {
        return entry.membres().stream()
                .collect(Collectors.groupingBy(member -> new InseeCode(member.code()).department().code(), Collectors.counting()))
                .entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey();
    }

    /** One entry per code (the last one given): an upsert statement may not touch a row twice. */
    private static <T> List<T> lastOfEach(List<T> batch, Function<T, String> code) {
        Map<String, T> byCode = new java.util.LinkedHashMap<>();
        batch.forEach(entry -> byCode.put(code.apply(entry), entry));
        return List.copyOf(byCode.values());
    }

    private static <T> String[] column(List<T> batch, Function<T, String> value) {
        return batch.stream().map(value).toArray(String[]::new);
    }

    private static boolean inserted(Readable row) {
        return Boolean.TRUE.equals(row.get("inserted", Boolean.class));
    }

    /** What one batch statement wrote: rows inserted, rows updated, the rest of the batch unchanged. */
    private record Written(long inserted, long updated, long unchanged) {

        static Written of(int batchSize, List<Boolean> rows) {
            long inserted = rows.stream().filter(Boolean::booleanValue).count();
            long updated = rows.size() - inserted;
            return new Written(inserted, updated, batchSize - rows.size());
        }
    }

    /** The running counts of one import. */
    private static final class Tally {
        private final long started = System.nanoTime();
        private final AtomicLong read = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final List<String> firstRejected = new ArrayList<>();
        private final AtomicLong inserted = new AtomicLong();
        private final AtomicLong updated = new AtomicLong();
        private final AtomicLong unchanged = new AtomicLong();
        private final AtomicLong unknownMembers = new AtomicLong();

        boolean accept(boolean valid, String code) {
            if (!valid) {
                rejected.incrementAndGet();
                synchronized (firstRejected) {
                    if (firstRejected.size() < REJECTED_LISTED) {
                        firstRejected.add(Optional.ofNullable(code).map(c -> c.length() > 20 ? c.substring(0, 20) : c).orElse("(none)"));
                    }
                }
            }
            return valid;
        }

        void count(Written written) {
            inserted.addAndGet(written.inserted());
            updated.addAndGet(written.updated());
            unchanged.addAndGet(written.unchanged());
        }

        Map<String, String> details() {
            ImportReport report = report();
            return Map.of("read", Long.toString(report.read()), "skipped", Long.toString(report.skipped()),
                    "rejected", Long.toString(report.rejected()), "inserted", Long.toString(report.inserted()),
                    "updated", Long.toString(report.updated()), "unchanged", Long.toString(report.unchanged()),
                    "unknownMembers", Long.toString(report.unknownMembers()));
        }

        ImportReport report() {
            synchronized (firstRejected) {
                return new ImportReport(read.get(), skipped.get(), rejected.get(), firstRejected, inserted.get(), updated.get(),
                        unchanged.get(), unknownMembers.get(), (System.nanoTime() - started) / 1_000_000);
            }
        }
    }
}
