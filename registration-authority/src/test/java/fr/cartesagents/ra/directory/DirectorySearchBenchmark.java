package fr.cartesagents.ra.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.LinkedMultiValueMap;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.CollectivityScope;
import fr.cartesagents.ra.security.Grant;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;

/**
 * The directory search at national size: 500,000 people across 35,000 communes, bulk-generated in
 * SQL in the server's real (embedded) PostgreSQL, then name searches through the real HTTPS API
 * with mutual TLS, one request at a time, timed end to end by the client (p50/p95/p99), and the
 * query plans ({@code EXPLAIN (ANALYZE, BUFFERS)}) of the same SQL. Not a test (its name does not
 * end in Test): run it with {@code benchmarks/directory-search.sh}; results go to
 * {@code registration-authority/target/directory-benchmark.md}, copied into docs/benchmarks.md.
 */
class DirectorySearchBenchmark extends DirectoryTestBase {

    private static final int PEOPLE = Integer.getInteger("benchmark.people", 500_000);
    private static final int COMMUNES = Integer.getInteger("benchmark.communes", 35_000);
    private static final int OFFICES = 100;
    private static final int LOAD_SLICES = 20;
    private static final int WARM_UP = Integer.getInteger("benchmark.warmup", 300);
    private static final int SAMPLES = Integer.getInteger("benchmark.samples", 1_000);

    /** Frequent French surnames: each one is given to about 1 person in 400 (as frequent as "Martin"). */
    static final List<String> SURNAMES = List.of("Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand",
            "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
            "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Müller", "Lefebvre",
            "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
            "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
            "Marchand", "Duval", "Denis", "Dumont", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun",
            "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez",
            "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger",
            "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre",
            "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte", "Lopez", "Dupuy",
            "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin", "Deschamps", "Huet", "Vasseur",
            "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet", "Adam", "Poirier", "Marty", "Aubry", "Guyot",
            "Carré", "Charles", "Renault", "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé",
            "Schneider", "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot",
            "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque",
            "Perrier", "Leblanc", "Barré", "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob",
            "Monnier", "Michaud", "Rodriguez", "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier",
            "Chevallier", "Collin", "Chauvin", "Da Silva", "Bouchet", "Lemaître", "Bénard", "Maréchal", "Humbert",
            "Reynaud", "Antoine", "Hoarau", "Perret", "Barthélemy", "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy",
            "Delaunay", "Pasquier", "Carlier", "Laporte", "N'Diaye", "D'Almeida", "Lefèvre-Saint-Éloi", "Saint-Exupéry");

    static final List<String> GIVEN_NAMES = List.of("Marie", "Jean", "Pierre", "Michel", "André", "Philippe", "Nathalie",
            "Isabelle", "Sylvie", "Catherine", "Françoise", "Christine", "Éric", "Frédéric", "Stéphane", "Hélène", "Jérôme",
            "Céline", "Sébastien", "Aurélie", "Chloé", "Léa", "Zoé", "Théo", "Anaïs", "Maël", "Gaëlle", "Joël", "Loïc",
            "Agnès", "Cécile", "Valérie", "Sandrine", "Laurent", "Nicolas", "Julien", "Thomas", "Camille", "Manon",
            "Jean-Pierre", "Marie-Hélène", "Anne-Sophie");

    /** Syllables of the long tail: half the people get a rarer three-syllable surname (27,000 of them). */
    static final List<String> SYLLABLES = List.of("ber", "lan", "mor", "vil", "cha", "ton", "mar", "gue", "dou", "rin",
            "pel", "sau", "gar", "nou", "fle", "bri", "qua", "zel", "jou", "vé", "ré", "lé", "ço", "mé", "tan", "lou",
            "cor", "fau", "bel", "dra");

    private final StringBuilder report = new StringBuilder();

    @Autowired
    private PeopleSearchService search;

    @Test
    void nameSearchAtNationalSize() {
        long loadStart = System.nanoTime();
        load();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        line("# Directory search benchmark");
        line("");
        line("- data: %,d people, %,d communes, %d registration offices, generated in SQL in %.0f s; %,d name windows"
                .formatted(count("person"), count("collectivity"), OFFICES, loadSeconds, count("person_search_gram")));
        line("- machine: %s, %d CPUs, %s %s, Java %s; PostgreSQL %s (embedded, zonky)".formatted(
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), scalar("show server_version")));
        line("- client: JDK HttpClient over HTTPS with a client certificate (mutual TLS), in the server's JVM,"
                + " one request at a time; %d warm-up requests, then %d timed requests per case".formatted(WARM_UP, SAMPLES));
        line("");

        String generatedCommune = "select %s from collectivity where siren like '8%%' order by siren"
                + " offset (select count(*) / 2 from collectivity where siren like '8%%') limit 1";
        UUID commune = uuid(generatedCommune.formatted("id"));
        UUID office = uuid(generatedCommune.formatted("registration_office_id"));
        assertThat(commune).as("a generated commune").isNotNull();
        TestPerson delegate = directory().person("Sylvie", "Gustin");
        directory().assign(delegate, Role.DELEGATE, commune);
        TestPerson officer = directory().person("Agnès", "Guichet");
        directory().assign(officer, Role.REGISTRATION_OFFICER, office);
        List<String> rare = strings("select p.birth_name from person p where p.birth_name ~ '^[A-Z][a-zéç]+$'"
                + " and p.birth_name not in (" + SURNAMES.stream().map(s -> "'" + s.replace("'", "''") + "'")
                .collect(Collectors.joining(",")) + ") order by p.id limit 500");
        List<String> inCommune = strings("select p.birth_name from person p join role_assignment a on a.person_id = p.id"
                + " where a.collectivity_id = '" + commune + "' and a.role = 'agent' order by p.id");

        line("- load average (/proc/loadavg) before the timed runs: " + loadAverage());
        line("");
        line("| case | who (scope) | query | HTTPS p50 ms | p95 | p99 | service p50 ms | p95 | p99 | rows |");
        line("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        Actor national = new Actor("benchmark", Optional.empty(), Set.of(Grant.everywhere(Role.NATIONAL_ADMINISTRATOR)),
                "benchmark", Optional.empty());
        Actor officerActor = new Actor("benchmark", Optional.of(officer.id()), Set.of(Grant.in(Role.REGISTRATION_OFFICER, office)),
                "benchmark", Optional.empty());
        Actor delegateActor = new Actor("benchmark", Optional.of(delegate.id()), Set.of(Grant.in(Role.DELEGATE, commune)),
                "benchmark", Optional.empty());
        HttpClient admin = administratorClient();
        measure("baseline: `GET /api/v1/me` (TLS, authentication, no search)", "national administrator", admin, national, i -> null);
        measure("frequent surname, contains", "national administrator (all)", admin, national,
                i -> "name=" + encode(fold(SURNAMES.get(i % SURNAMES.size()))));
        measure("4-letter prefix", "national administrator (all)", admin, national,
                i -> "name=" + encode(prefix(fold(SURNAMES.get(i % SURNAMES.size())), 4)) + "&match=prefix");
        measure("rare surname, contains", "national administrator (all)", admin, national,
                i -> "name=" + encode(fold(rare.get(i % rare.size()))));
        measure("3-letter substring", "national administrator (all)", admin, national,
                i -> "name=" + encode(prefix(fold(SURNAMES.get(i % SURNAMES.size())).substring(1), 3)));
        measure("frequent surname, page 2 (keyset)", "national administrator (all)", admin, national, i -> {
            String first = "name=" + encode(fold(SURNAMES.get(i % SURNAMES.size())));
            return first + "&after=" + json(read(admin, api("/api/v1/people?" + first))).get("next").asString();
        });
        HttpClient registrationOfficer = clientOf(officer);
        measure("frequent surname, contains", "registration officer (%d communes)".formatted(
                COMMUNES / OFFICES), registrationOfficer, officerActor, i -> "name=" + encode(fold(SURNAMES.get(i % SURNAMES.size()))));
        HttpClient oneCommune = clientOf(delegate);
        measure("surname of an agent there", "delegate (1 commune)", oneCommune, delegateActor,
                i -> "name=" + encode(fold(inCommune.get(i % inCommune.size()))));
        measure("no name: first page of the commune", "delegate (1 commune)", oneCommune, delegateActor, i -> "limit=20");
        line("");
        line("- load average after the timed runs: " + loadAverage());
        line("");

        explain("national administrator, name=lefevre", CollectivityScope.everything(), "lefevre", false);
        explain("national administrator, name=art", CollectivityScope.everything(), "art", false);
        explain("national administrator, name=mart&match=prefix", CollectivityScope.everything(), "mart", true);
        Set<UUID> served = Set.copyOf(uuids("select id from collectivity where registration_office_id = '" + office + "'"));
        explain("registration officer, name=dupont", CollectivityScope.only(served), "dupont", false);
        explain("delegate of one commune, name=" + fold(inCommune.get(0)), CollectivityScope.only(Set.of(commune)),
                fold(inCommune.get(0)), false);
        write();
    }

    /**
     * Times the case through HTTPS, then (for searches) through the service on the same database
     * without HTTP, TLS and authentication, with {@code actor} standing for the client's caller.
     */
    private void measure(String label, String who, HttpClient client, Actor actor, IntFunction<String> query) {
        for (int i = 0; i < WARM_UP; i++) {
            get(client, query.apply(i));
        }
        long[] nanos = new long[SAMPLES];
        long rows = 0;
        for (int i = 0; i < SAMPLES; i++) {
            String q = query.apply(i + WARM_UP);
            long start = System.nanoTime();
            HttpResponse<byte[]> response = get(client, q);
            nanos[i] = System.nanoTime() - start;
            rows += q == null ? 0 : json(response).get("items").size();
        }
        Arrays.sort(nanos);
        String service = "";
        if (query.apply(0) != null) {
            long[] direct = new long[SAMPLES];
            for (int i = 0; i < WARM_UP + SAMPLES; i++) {
                var parameters = parameters(query.apply(i));
                long start = System.nanoTime();
                search.search(actor, parameters).block();
                if (i >= WARM_UP) {
                    direct[i - WARM_UP] = System.nanoTime() - start;
                }
            }
            Arrays.sort(direct);
            service = " %.1f | %.1f | %.1f |".formatted(percentile(direct, 0.50), percentile(direct, 0.95),
                    percentile(direct, 0.99));
        } else {
            service = " | | |";
        }
        String shown = query.apply(0) == null ? "" : "`" + query.apply(0).replaceAll("after=[^&]+", "after=…") + "`";
        line("| %s | %s | %s | %.1f | %.1f | %.1f |%s %.1f |".formatted(label, who, shown, percentile(nanos, 0.50),
                percentile(nanos, 0.95), percentile(nanos, 0.99), service, rows / (double) SAMPLES));
    }

    private static LinkedMultiValueMap<String, String> parameters(String query) {
        var parameters = new LinkedMultiValueMap<String, String>();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.add(parts[0], java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A search, or {@code GET /api/v1/me} when {@code query} is null (the cost of everything but the search). */
    private HttpResponse<byte[]> get(HttpClient client, String query) {
        HttpResponse<byte[]> response = read(client, api(query == null ? "/api/v1/me" : "/api/v1/people?" + query));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return response;
    }

    private static String prefix(String text, int length) {
        return text.substring(0, Math.min(length, text.length()));
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private void explain(String label, CollectivityScope scope, String name, boolean prefix) {
        var parameters = new LinkedMultiValueMap<String, String>();
        parameters.add("name", name);
        if (prefix) {
            parameters.add("match", "prefix");
        }
        SqlCondition query = PeopleSearchRepository.query(scope, PeopleSearch.from(parameters, Optional.empty()), List.of(),
                LocalDate.now(DirectoryCalendar.FRANCE));
        var statement = database.sql("explain (analyze, buffers) " + query.sql());
        for (Map.Entry<String, Object> binding : query.bindings().entrySet()) {
            statement = statement.bind(binding.getKey(), binding.getValue());
        }
        List<String> plan = statement.map(row -> row.get(0, String.class)).all().collectList().block();
        line("## Plan: " + label);
        line("");
        line("```");
        plan.forEach(this::line);
        line("```");
        line("");
    }

    /** The bulk load: offices, communes, people and their agent memberships, straight in SQL (no HTTP). */
    private void load() {
        exec("select setseed(0.42)");
        exec("create table bench_office as select i as n, gen_random_uuid() as id from generate_series(1, " + OFFICES + ") i");
        exec("insert into registration_office (id, code, name, department)"
                + " select id, 'BENCH-' || n, 'Préfecture ' || n, lpad(n::text, 2, '0') from bench_office");
        // The server may already hold a few real communes (demo reference data): the generated ones
        // take the INSEE codes left free and bring the total to COMMUNES.
        exec("create table bench_commune as select row_number() over (order by code) as n, gen_random_uuid() as id, code"
                + " from (select lpad(i::text, 5, '0') as code from generate_series(1, 99999) i) codes"
                + " where code not in (select insee_code from collectivity where insee_code is not null)"
                + " order by code limit greatest(0, " + COMMUNES + " - (select count(*) from collectivity where kind = 'commune'))");
        exec("insert into collectivity (id, kind, insee_code, siren, name, department, registration_office_id)"
                + " select c.id, 'commune', c.code, '8' || lpad(c.n::text, 8, '0'), 'Commune ' || c.n,"
                + " lpad((1 + c.n % " + OFFICES + ")::text, 2, '0'), o.id"
                + " from bench_commune c join bench_office o on o.n = 1 + c.n % " + OFFICES);
        long generated = Long.parseLong(scalar("select count(*)::text from bench_commune"));
        exec("create table bench_person as select i as n, gen_random_uuid() as id from generate_series(1, " + PEOPLE + ") i");
        // In slices: each insert also writes its people's name windows (person_search_gram's trigger), and
        // the whole load in one statement would outlast the server's statement timeout.
        for (int slice = 0; slice < LOAD_SLICES; slice++) {
            exec("insert into person (id, holder_id, birth_name, given_names, birth_date, birth_place, email)"
                    + " select b.id, 'AGT' || lpad(to_hex(b.n), 16, '0'),"
                    + " case when random() < 0.5 then (" + array(SURNAMES) + ")[1 + floor(random() * " + SURNAMES.size() + ")::int]"
                    + "   else initcap((" + array(SYLLABLES) + ")[1 + floor(random() * " + SYLLABLES.size() + ")::int]"
                    + "     || (" + array(SYLLABLES) + ")[1 + floor(random() * " + SYLLABLES.size() + ")::int]"
                    + "     || (" + array(SYLLABLES) + ")[1 + floor(random() * " + SYLLABLES.size() + ")::int]) end,"
                    + " (" + array(GIVEN_NAMES) + ")[1 + floor(random() * " + GIVEN_NAMES.size() + ")::int],"
                    + " date '1960-01-01' + floor(random() * 15000)::int, 'Lille', 'agent' || b.n || '@mairie.test'"
                    + " from bench_person b where b.n % " + LOAD_SLICES + " = " + slice);
        }
        exec("insert into role_assignment (id, person_id, role, collectivity_id, service, job_title, starts_on)"
                + " select gen_random_uuid(), b.id, 'agent', c.id,"
                + " (array['État civil', 'Police municipale', 'Finances', 'Accueil'])[1 + b.n % 4],"
                + " (array['Officier d''état civil', 'Agent d''état civil', 'Brigadier', 'Comptable', 'Agent d''accueil'])[1 + b.n % 5],"
                + " date '2020-01-01' from bench_person b join bench_commune c on c.n = 1 + (b.n::bigint * 7919) % " + generated);
        exec("drop table bench_person");
        exec("drop table bench_commune");
        exec("drop table bench_office");
        exec("vacuum analyze person");
        exec("vacuum analyze person_search_gram"); // filled by person's insert trigger; the visibility map makes its scans index-only
        exec("vacuum analyze role_assignment");
        exec("vacuum analyze collectivity");
    }

    private static String array(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(",", "array[", "]"));
    }

    /** As directory_fold does it, for the query strings (the server folds them again). */
    private String fold(String name) {
        return database.sql("select directory_fold(:name) as f").bind("name", name).map(row -> row.get("f", String.class))
                .one().block();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void exec(String sql) {
        database.sql(sql).then().block();
    }

    private String scalar(String sql) {
        return database.sql(sql).map(row -> row.get(0, String.class)).one().block();
    }

    private UUID uuid(String sql) {
        return database.sql(sql).map(row -> row.get(0, UUID.class)).one().block();
    }

    private List<UUID> uuids(String sql) {
        return database.sql(sql).map(row -> row.get(0, UUID.class)).all().collectList().block();
    }

    private List<String> strings(String sql) {
        return database.sql(sql).map(row -> row.get(0, String.class)).all().collectList().block();
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    private void write() {
        try {
            Path file = Path.of("target", "directory-benchmark.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report + "\nJVM: " + ManagementFactory.getRuntimeMXBean().getVmName() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
