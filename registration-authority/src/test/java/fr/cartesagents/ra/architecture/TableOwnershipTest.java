package fr.cartesagents.ra.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One owner per table: the SQL in a package's string literals reads and writes only the tables its
 * own feature owns ({@link #OWNERS}); another feature asks the owner through a small query interface
 * (for example {@code card.CardQueries}). A new table is added to {@link #OWNERS} with its migration.
 * The accesses that predate the rule are listed in {@link #KNOWN_DEBT}, one (package, table) pair each,
 * to be removed as they move behind their owner's interface; a pair not listed fails the build, and so
 * does a listed pair that no longer occurs (so the list only shrinks).
 */
class TableOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/fr/cartesagents/ra");

    /** Table → the package (below fr.cartesagents.ra) whose repository owns it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("administrator", "security"), Map.entry("trusted_front", "security"),
            Map.entry("audit_event", "audit"), Map.entry("audit_chain_head", "audit"), Map.entry("audit_checkpoint", "audit.checkpoint"),
            Map.entry("audit_finding", "compliance"), Map.entry("questionnaire", "compliance"),
            Map.entry("questionnaire_answer", "compliance"),
            Map.entry("card", "card"), Map.entry("card_order", "order"),
            Map.entry("certificate", "certificate"), Map.entry("certificate_authority", "pki"), Map.entry("crl", "pki"),
            Map.entry("collectivity", "collectivity"), Map.entry("collectivity_member", "collectivity"),
            Map.entry("registration_office", "collectivity"),
            Map.entry("convention", "convention"), Map.entry("convention_party", "convention"),
            Map.entry("convention_delegate", "convention"),
            Map.entry("person", "directory"), Map.entry("role_assignment", "directory"), Map.entry("delegation", "directory"),
            Map.entry("person_search_gram", "directory"),
            Map.entry("habilitation", "habilitation"), Map.entry("relying_application", "habilitation"),
            Map.entry("idempotency_key", "idempotency"),
            Map.entry("billing_line", "billing"), Map.entry("reader_delivery", "billing"),
            Map.entry("renewal_supersession", "renewal"));

    /** "package → table" accesses made before the rule; each should move behind the owner's query interface. */
    static final Set<String> KNOWN_DEBT = Set.of(
            // renewal's reminder claim must stay one atomic statement over card and certificate (cluster-safe claim)
            "renewal -> card", "renewal -> certificate",
            // the order's views read their card's id in the same statement (card.CardQueries has no look-up by order yet)
            "order -> card",
            // the people search names each result's collectivity in its keyset-paged statement (benchmarked), and a
            // person's record its memberships'; the role rules' reads go through directory.AppointingCollectivities
            "directory -> collectivity");

    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern TABLE_USE = Pattern.compile("\\b(?:from|join|update|into|table|exists)\\s+([a-z_]+)\\b");

    @Test
    void eachFeatureReadsAndWritesOnlyItsOwnTables() {
        Set<String> found = accesses();
        List<String> unexpected = found.stream().filter(access -> !KNOWN_DEBT.contains(access)).toList();
        assertThat(unexpected).as("SQL on another feature's table: go through the owner's query interface").isEmpty();
        List<String> paidOff = KNOWN_DEBT.stream().filter(access -> !found.contains(access)).sorted().toList();
        assertThat(paidOff).as("no longer happens: remove it from KNOWN_DEBT").isEmpty();
    }

    @Test
    void everyOwnerIsAPackageThatExists() {
        assertThat(OWNERS.values()).allSatisfy(owner -> assertThat(SOURCES.resolve(owner.replace('.', '/'))).isDirectory());
    }

    /** "package -> table" for every table of {@link #OWNERS} named in another package's SQL. */
    private static Set<String> accesses() {
        Set<String> accesses = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String feature = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                for (String table : tablesIn(Files.readString(file))) {
                    String owner = OWNERS.get(table);
                    if (owner != null && !owner.equals(feature)) {
                        accesses.add(feature + " -> " + table);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return accesses;
    }

    /** The tables named after a SQL keyword in the file's string literals (comments left out; literals joined, as "+" joins them). */
    static List<String> tablesIn(String source) {
        StringBuilder sql = new StringBuilder();
        Matcher literal = STRING_LITERAL.matcher(COMMENT.matcher(source).replaceAll(" "));
        while (literal.find()) {
            String text = literal.group();
            sql.append(text, 1, text.length() - 1);
        }
        List<String> tables = new ArrayList<>();
        Matcher use = TABLE_USE.matcher(sql.toString().toLowerCase(java.util.Locale.ROOT).replace("\\n", " "));
        while (use.find()) {
            tables.add(use.group(1));
        }
        return tables;
    }

    @Test
    void theScannerFindsTablesInConcatenatedSqlAndNotInComments() {
        assertThat(tablesIn("// select * from person\n db.sql(\"select id from \" + \"collectivity c join role_assignment a\")"))
                .containsExactly("collectivity", "role_assignment");
        assertThat(tablesIn("/* update card set */ String s = \"insert into card_order (id) values (:id)\";"))
                .containsExactly("card_order");
    }
}
