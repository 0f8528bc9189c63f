package fr.cartesagents.ra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.testsupport.TestCards;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.json.JsonMapper;

/** The authorization matrix of cards: orders, personalization, hand-over, activation, revocation (with and without the card), unblock, billing. */
class CardAuthorizationMatrixTest extends AuthorizationMatrix {

    static final Map<String, Row> ROUTES = new LinkedHashMap<>();

    static {
        // Cards: revocation (Art. VI), by the holder (the sample card is the own agent's), card managers, the office.
        ROUTES.put("POST /api/v1/cards/{cardId}/revocation", new Row(selfOr(Permission.ORDER_CARDS),
                postJson("/api/v1/cards/{card}/revocation", (s, own) -> "{\"reason\": \"loss\"}")));
        // Unblock (Art. V): the code goes to the holder; asked by the holder, card managers or the office; used without a certificate.
        ROUTES.put("POST /api/v1/cards/{cardId}/unblock-requests", new Row(selfOr(Permission.HAND_OVER_CARDS),
                postJson("/api/v1/cards/{card}/unblock-requests", EMPTY)));
        ROUTES.put("POST /api/v1/cards/{cardId}/unblock/completion", new Row(selfOr(Permission.HAND_OVER_CARDS),
                postJson("/api/v1/cards/{card}/unblock/completion", EMPTY)));
        ROUTES.put("POST /api/v1/cards/{cardId}/unblock", new Row(PUBLIC, postJson("/api/v1/cards/{card}/unblock", EMPTY)));
        // Renewal of a card's certificates: its holder only (the sample card is the own agent's), with the card in their reader.
        ROUTES.put("POST /api/v1/cards/{cardId}/renewal", new Row(new Rule() {
            @Override
            public boolean allows(Caller caller, boolean own) {
                return caller == Caller.AGENT && own;
            }

            @Override
            public boolean scoped() {
                return true;
            }
        }, postJson("/api/v1/cards/{card}/renewal", EMPTY)));
        // Billing (annex 1): statements for readers of the collectivity; reader deliveries by its registration office.
        ROUTES.put("GET /api/v1/collectivities/{id}/billing", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/billing")));
        ROUTES.put("POST /api/v1/collectivities/{id}/reader-deliveries", new Row(new Rule() {
            @Override
            public boolean allows(Caller caller, boolean own) {
                return caller == Caller.NATIONAL_ADMINISTRATOR || caller == Caller.ADMINISTRATOR_CERTIFICATE
                        || caller == Caller.REGISTRATION_OFFICER && own;
            }

            @Override
            public boolean scoped() {
                return true;
            }
        }, postJson("/api/v1/collectivities/{collectivity}/reader-deliveries", EMPTY)));
        // Without the card (issue 17): no certificate; the code, the link or the mailed code is the credential.
        ROUTES.put("POST /api/v1/card-revocations", new Row(PUBLIC, postJson("/api/v1/card-revocations", EMPTY)));
        ROUTES.put("POST /api/v1/card-revocation-requests", new Row(PUBLIC, postJson("/api/v1/card-revocation-requests", EMPTY)));
        // Cards and card orders (the fixture world has no CARTES convention: an allowed order stops at 422, nothing changes).
        // Orders, cards and hand-overs of no readable collectivity are not found (404) for everyone; the rules on the
        // target are proved in CardLifecycleEndToEndTest (the office for the mayor's and delegates' cards) and
        // CardRoutesUnderTrustSuspensionTest (Art. VII suspension).
        ROUTES.put("POST /api/v1/collectivities/{id}/card-orders", new Row(onCollectivity(Permission.ORDER_CARDS),
                postJson("/api/v1/collectivities/{collectivity}/card-orders",
                        (s, own) -> "{\"personId\": \"" + s.person(own) + "\", \"reason\": \"initial\"}")));
        ROUTES.put("GET /api/v1/collectivities/{id}/card-orders", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/card-orders")));
        ROUTES.put("GET /api/v1/collectivities/{id}/cards", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/cards")));
        ROUTES.put("GET /api/v1/card-orders/{id}", new Row(AUTHENTICATED, get("/api/v1/card-orders/{random}")));
        ROUTES.put("POST /api/v1/card-orders/{id}/transitions", new Row(AUTHENTICATED,
                postJson("/api/v1/card-orders/{random}/transitions", (s, own) -> "{\"action\": \"approve\"}")));
        ROUTES.put("POST /api/v1/card-orders/{id}/personalization", new Row(AUTHENTICATED,
                postJson("/api/v1/card-orders/{random}/personalization", EMPTY)));
        ROUTES.put("GET /api/v1/cards/{cardId}", new Row(AUTHENTICATED, get("/api/v1/cards/{random}")));
        ROUTES.put("GET /api/v1/people/{personId}/cards", new Row(selfOr(Permission.READ), get("/api/v1/people/{person}/cards")));
        ROUTES.put("GET /api/v1/terms-of-use", new Row(AUTHENTICATED, get("/api/v1/terms-of-use")));
        ROUTES.put("GET /api/v1/cards/{cardId}/hand-over-receipt", new Row(AUTHENTICATED, get("/api/v1/cards/{random}/hand-over-receipt")));
        ROUTES.put("POST /api/v1/cards/{cardId}/hand-over", new Row(AUTHENTICATED, postJson("/api/v1/cards/{random}/hand-over", EMPTY)));
        ROUTES.put("GET /api/v1/cards/{cardId}/identity-document", new Row(AUTHENTICATED,
                get("/api/v1/cards/{random}/identity-document")));
        ROUTES.put("POST /api/v1/cards/{cardId}/activation-challenges", new Row(AUTHENTICATED,
                postJson("/api/v1/cards/{random}/activation-challenges", EMPTY)));
        ROUTES.put("POST /api/v1/cards/{cardId}/activation", new Row(AUTHENTICATED,
                postJson("/api/v1/cards/{random}/activation", EMPTY)));
    }

    /**
     * A certificate superseded by a renewal (issue 11) authenticates one request only, the replay of that
     * renewal with its Idempotency-Key (and body): every card route refuses it as any revoked certificate
     * (401), the renewal route too under another key, as the matrix's calls send.
     */
    @Test
    void aCertificateSupersededByARenewal_onlyReplaysThatRenewal() {
        TestPerson renewing = directory().person("Rémi", "Renouvelé-matrice");
        directory().assign(renewing, Role.AGENT, samples.a);
        TestCards cards = new TestCards(this, database, cardTransitions, transactions);
        TestCards.TestCard card = cards.personalize(renewing, samples.a);
        Actor office = new Actor("test-hand-over", Optional.empty(), Set.of(), "test", Optional.empty());
        transactions.transactional(cardTransitions.move(office, card.id(), CardAction.DELIVER, Optional.empty(), Map.of())).block();
        database.sql("update certificate set not_after = now() + interval '80 days' where serial in (:a, :s)")
                .bind("a", card.authenticationSerial()).bind("s", card.signatureSerial()).then().block();
        HttpClient superseded = client(card.loginKeyStore(), CARD_PASSWORD);
        String renewal = "/api/v1/cards/" + card.id() + "/renewal";
        String body = JsonMapper.builder().build().writeValueAsString(Map.of("authenticationCsr", TestCards.csr(TestCards.rsa()),
                "signatureCsr", TestCards.csr(TestCards.rsa())));
        String key = UUID.randomUUID().toString();
        HttpResponse<byte[]> renewed = postJson(superseded, api(renewal), body, key);
        assertThat(renewed.statusCode()).as(text(renewed)).isEqualTo(200);

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Row> route : ROUTES.entrySet()) {
            HttpResponse<byte[]> refused = send(superseded, route.getValue().call().request(samples, true).build());
            if (refused.statusCode() != 401) {
                failures.add(route.getKey() + ": " + refused.statusCode() + " " + text(refused));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(postJson(superseded, api(renewal), body, key).statusCode()).isEqualTo(200);
    }

    @Override
    Map<String, Row> routes() {
        return ROUTES;
    }

    @Override
    boolean personalizesCards() {
        return true;
    }
}
