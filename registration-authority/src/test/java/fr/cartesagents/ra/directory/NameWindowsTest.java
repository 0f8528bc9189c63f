package fr.cartesagents.ra.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.LinkedMultiValueMap;

import fr.cartesagents.ra.security.CollectivityScope;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * The name windows of person_search_gram on the real PostgreSQL: kept right by every write of person
 * (added through the API or in bulk, renamed, departed), and the three ways of a substring search
 * (nation-wide by window, many collectivities by window, a few collectivities by name) giving the
 * same rows in the same order.
 */
class NameWindowsTest extends DirectoryTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    private PeopleSearchRepository repository;

    /** Letters only, unique enough that tests sharing the database do not see each other's people. */
    private static String uniqueWord() {
        StringBuilder word = new StringBuilder("Wx");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return word.toString();
    }

    @Test
    void whenAPersonIsAddedRenamedAndDeparts_thenTheirWindowsAreThoseOfTheirCurrentName() {
        String word = uniqueWord();
        String folded = word.toLowerCase();
        UUID commune = directory().commune("Armentières", directory().office("Préfecture du Nord"));
        TestPerson agent = addPerson(commune, "Éloïse", "Lefèvre-Saint-Éloi" + word);

        assertThat(windows(agent.id())).containsExactlyInAnyOrderElementsOf(expectedWindows(agent.id()))
                .contains("efe", "t e", folded.substring(0, 3));
        assertThat(found("lefevre saint eloi" + folded)).containsExactly(agent.id());

        HttpResponse<byte[]> renamed = put(administratorClient(), person(commune, agent.id()),
                personJson("Rossignol" + word, "Éloïse"), etagOf(administratorClient(), person(commune, agent.id())));
        assertThat(renamed.statusCode()).as(text(renamed)).isEqualTo(200);

        assertThat(windows(agent.id())).containsExactlyInAnyOrderElementsOf(expectedWindows(agent.id()))
                .contains("ros", "sig").doesNotContain("efe");
        assertThat(found("lefevre saint eloi" + folded)).isEmpty();
        assertThat(found("gnol" + folded)).containsExactly(agent.id());

        HttpResponse<byte[]> departed = postIfMatch(administratorClient(),
                api("/api/v1/collectivities/" + commune + "/people/" + agent.id() + "/departure"), "",
                renamed.headers().firstValue("ETag").orElseThrow());
        assertThat(departed.statusCode()).as(text(departed)).isEqualTo(200);
        assertThat(json(departed).get("status").asString()).isEqualTo("departed");

        assertThat(windows(agent.id())).containsExactlyInAnyOrderElementsOf(expectedWindows(agent.id()));
        assertThat(found("gnol" + folded + "&status=departed")).containsExactly(agent.id());
        assertThat(found("gnol" + folded + "&status=active")).isEmpty();
    }

    @Test
    void whenPeopleAreInsertedAndRenamedInBulk_thenEachGetsTheWindowsOfItsName() {
        String word = uniqueWord();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        database.sql("insert into person (id, holder_id, birth_name, usual_name, given_names)"
                        + " values (:first, :firstHolder, :firstName, 'Dupont', 'Anne'), (:second, :secondHolder, 'Vi', null, 'Al')")
                .bind("first", first).bind("firstHolder", holderId(first))
                .bind("firstName", "N'Diaye" + word).bind("second", second)
                .bind("secondHolder", holderId(second)).then().block();

        assertThat(windows(first)).containsExactlyInAnyOrderElementsOf(expectedWindows(first)).contains("dup", "t n", "ndi");
        assertThat(windows(second)).containsExactlyInAnyOrder("vi ", "i a", " al");

        database.sql("update person set usual_name = case when id = :first then null else 'Le Gall' end where id in (:first, :second)")
                .bind("first", first).bind("second", second).then().block();
        database.sql("update person set email = 'changed@mairie.test' where id = :first").bind("first", first).then().block();

        assertThat(windows(first)).containsExactlyInAnyOrderElementsOf(expectedWindows(first)).doesNotContain("dup");
        assertThat(windows(second)).containsExactlyInAnyOrderElementsOf(expectedWindows(second)).contains("e g", "l v");
        assertThat(rows("select count(*) from person_search_gram g join person p on p.id = g.person_id"
                + " where p.id in ('" + first + "', '" + second + "') and g.search_name <> p.search_name")).isZero();
    }

    @Test
    void whenTheSameSubstringIsSearchedEachWay_thenTheRowsAndTheirOrderAreTheSame() {
        String word = uniqueWord();
        String folded = word.toLowerCase();
        TestDirectory directory = directory();
        UUID office = directory.office("Préfecture du Pas-de-Calais");
        List<UUID> served = new ArrayList<>();
        for (int i = 0; i < PeopleSearchRepository.MANY_COLLECTIVITIES + 2; i++) {
            served.add(directory.commune("Commune " + i, office));
        }
        UUID elsewhere = directory.commune("Ailleurs", directory.office("Préfecture de la Somme"));
        String[] surnames = {"Martin", "Martinez", "Saint-Martin", "Lemartinet", "Dupont"};
        for (int i = 0; i < 30; i++) {
            TestPerson person = directory.person(i % 3 == 0 ? "Marie" : "Jean", surnames[i % surnames.length] + word);
            directory.assign(person, Role.AGENT, served.get(i % 3));
            if (i % 4 == 0) {
                directory.assign(person, Role.AGENT, served.get(i % 3 + 3)); // two memberships, one row each
            }
            if (i % 5 == 1) {
                directory.assign(person, Role.AGENT, elsewhere);
            }
        }

        for (String name : List.of("martin", "art", "tin" + folded.substring(0, 2), "martin" + folded, "in" + folded + " j",
                "z" + folded, "ma")) {
            List<PeopleSearchRepository.Row> nationWide = search(CollectivityScope.everything(), name);
            List<PeopleSearchRepository.Row> byOffice = search(CollectivityScope.only(Set.copyOf(served)), name);
            Set<UUID> few = Set.of(served.get(0), served.get(1), served.get(3));
            List<PeopleSearchRepository.Row> inFew = search(CollectivityScope.only(few), name);

            assertThat(ids(byOffice)).as(name).isEqualTo(ids(nationWide.stream()
                    .filter(row -> served.contains(row.summary().collectivityId())).toList()));
            assertThat(ids(inFew)).as(name).isEqualTo(ids(nationWide.stream()
                    .filter(row -> few.contains(row.summary().collectivityId())).toList()));
        }
        // "Martin" and "Saint-Martin" followed by the word: 12 people, 3 of whom are agents of a second commune.
        assertThat(search(CollectivityScope.everything(), "martin" + folded)).hasSize(15);
    }

    /** Every row of the search in the scope, in pages of 7 walked by keyset. */
    private List<PeopleSearchRepository.Row> search(CollectivityScope scope, String name) {
        List<PeopleSearchRepository.Row> rows = new ArrayList<>();
        Optional<SearchCursor> after = Optional.empty();
        while (true) {
            var parameters = new LinkedMultiValueMap<String, String>();
            parameters.add("name", name);
            parameters.add("limit", "7");
            after.ifPresent(cursor -> parameters.add("after", cursor.token()));
            List<PeopleSearchRepository.Row> page = repository.search(scope, PeopleSearch.from(parameters, Optional.empty()),
                    List.of(), LocalDate.now(DirectoryCalendar.FRANCE)).collectList().block();
            rows.addAll(page.subList(0, Math.min(7, page.size())));
            if (page.size() <= 7) {
                return rows;
            }
            after = Optional.of(page.get(6).cursor());
        }
    }

    private static List<String> ids(List<PeopleSearchRepository.Row> rows) {
        return rows.stream().map(row -> row.cursor().personId() + "/" + row.cursor().membershipId()).toList();
    }

    private List<UUID> found(String query) {
        HttpResponse<byte[]> response = read(administratorClient(), api("/api/v1/people?name=" + query.replace(" ", "%20")));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode items = json(response).get("items");
        return items.findValuesAsString("id").stream().map(UUID::fromString).distinct().toList();
    }

    private Set<String> windows(UUID person) {
        return new LinkedHashSet<>(database.sql("select gram from person_search_gram where person_id = :person")
                .bind("person", person).map(row -> row.get("gram", String.class)).all().collectList().block());
    }

    /** The distinct three-character windows of the person's folded name, computed here from the name. */
    private Set<String> expectedWindows(UUID person) {
        String name = database.sql("select search_name from person where id = :person").bind("person", person)
                .map(row -> row.get("search_name", String.class)).one().block();
        Set<String> windows = new LinkedHashSet<>();
        for (int i = 0; i + 3 <= name.length(); i++) {
            windows.add(name.substring(i, i + 3));
        }
        return windows;
    }

    private static String holderId(UUID person) {
        return "B" + person.toString().replace("-", "").substring(0, 15).toUpperCase(java.util.Locale.ROOT);
    }

    private long rows(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }
}
