package fr.cartesagents.ra.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import fr.cartesagents.ra.testsupport.TestCards.TestCard;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filters of {@code GET /api/v1/collectivities/{id}/cards} (state list, pinBlocked, expiringBefore) on
 * the whole server: more matching cards than the page holds, so that {@code total} counts what the
 * filter keeps in all, not what one page shows (the dashboard's figures come from it).
 */
class CollectivityCardFiltersTest extends CardLifecycleServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<TestCard> cards = new ArrayList<>();

    @BeforeEach
    void world() {
        freshCommune("Filtres-" + newKey().substring(0, 6));
        Actor office = new Actor("test-hand-over", Optional.empty(), Set.of(), "test", Optional.empty());
        for (int i = 0; i < 5; i++) {
            cards.add(personalizedCardOf(agent("Filtre" + (char) ('A' + i))));
        }
        // Cards 0-3 in use (delivered), card 4 still personalized; PINs of 0, 1 and 2 blocked; 0, 1 and 4 end within 20 days.
        for (TestCard card : cards.subList(0, 4)) {
            transactions.transactional(cardTransitions.move(office, card.id(), CardAction.DELIVER, Optional.empty(), Map.of())).block();
        }
        for (int blocked : new int[] {0, 1, 2}) {
            database.sql("update card set pin_blocked_since = now() where id = :id").bind("id", cards.get(blocked).id()).then().block();
        }
        for (int ending : new int[] {0, 1, 4}) {
            database.sql("update card set expires_at = :end where id = :id").bind("id", cards.get(ending).id())
                    .bind("end", OffsetDateTime.now(ZoneOffset.UTC).plus(Duration.ofDays(20))).then().block();
        }
    }

    @Test
    void theFiltersCountEveryMatchingCard_beyondOnePage() {
        String in30Days = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(30).toString();

        JsonNode inUse = list("state=delivered,active&size=2");
        assertThat(inUse.get("total").asLong()).isEqualTo(4);
        assertThat(inUse.get("items").size()).isEqualTo(2);

        JsonNode blocked = list("state=delivered,active&pinBlocked=true&size=2");
        assertThat(blocked.get("total").asLong()).isEqualTo(3);
        assertThat(ids(blocked)).hasSize(2);
        JsonNode blockedNextPage = list("state=delivered,active&pinBlocked=true&size=2&page=1");
        assertThat(ids(blockedNextPage)).hasSize(1);
        List<String> allBlocked = new ArrayList<>(ids(blocked));
        allBlocked.addAll(ids(blockedNextPage));
        assertThat(allBlocked).containsExactlyInAnyOrder(id(0), id(1), id(2));
        blocked.get("items").forEach(card -> assertThat(card.get("pinBlockedSince").isNull()).isFalse());
        assertThat(ids(list("state=delivered&pinBlocked=false"))).containsExactly(id(3));

        assertThat(list("expiringBefore=" + in30Days + "&size=1").get("total").asLong()).isEqualTo(3);
        assertThat(ids(list("state=delivered,active&expiringBefore=" + in30Days))).containsExactlyInAnyOrder(id(0), id(1));
        assertThat(list("state=delivered,active&pinBlocked=false&expiringBefore=" + in30Days).get("total").asLong()).isZero();
        assertThat(list("").get("total").asLong()).as("no filter: every card").isEqualTo(5);
    }

    @Test
    void aFilterThatCannotBeRead_isA400NamingIt() {
        Map<String, String> named = Map.of("pinBlocked=perhaps", "pinBlocked", "expiringBefore=2027-13-01", "expiringBefore",
                "expiringBefore=tomorrow", "expiringBefore", "state=delivered,lost", "lost");
        named.forEach((query, name) -> {
            HttpResponse<byte[]> refused = get(clientOf(delegate), api("/api/v1/collectivities/" + commune + "/cards?" + query));
            assertThat(refused.statusCode()).as(query + ": " + text(refused)).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("application/problem+json"));
            assertThat(text(refused)).as(query).contains(name);
        });
    }

    private JsonNode list(String query) {
        HttpResponse<byte[]> listed = get(clientOf(delegate), api("/api/v1/collectivities/" + commune + "/cards?" + query));
        assertThat(listed.statusCode()).as(query + ": " + text(listed)).isEqualTo(200);
        return JSON.readTree(listed.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(card -> ids.add(card.get("id").asString()));
        return ids;
    }

    private String id(int card) {
        return cards.get(card).id().toString();
    }
}
