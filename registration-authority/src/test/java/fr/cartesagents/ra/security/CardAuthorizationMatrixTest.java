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
        // target (whose card: own, an agent's, the mayor's, a delegate's, another commune's) are the TARGETED rows below,
        // CardLifecycleEndToEndTest and CardRoutesUnderTrustSuspensionTest (Art. VII suspension).
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

    /** Whose card (and order) a targeted call acts on, seen from a caller of commune A. */
    enum Target {
        /** The caller's own card (agents, delegates and mayors hold one). */
        OWN,
        AGENT_OF_A,
        MAYOR_OF_A,
        /** Another delegate of A: for a delegate caller, a peer. */
        DELEGATE_OF_A,
        AGENT_OF_B
    }

    /** Which callers a targeted route lets in, by the target's role (docs/api.md, cards and card orders). */
    interface TargetRule {
        boolean allows(Caller caller, Target target);
    }

    /** The holder (or the person the order is for). */
    static boolean holder(Caller caller, Target target) {
        return target == Target.OWN;
    }

    /** READ on the target's collectivity: A's mayor, delegates and office; auditors and national administrators everywhere. */
    static boolean reads(Caller caller, Target target) {
        return switch (caller) {
            case AUDITOR, NATIONAL_ADMINISTRATOR -> true;
            case MAYOR, DELEGATE, REGISTRATION_OFFICER -> target != Target.AGENT_OF_B;
            default -> false;
        };
    }

    /**
     * HAND_OVER_CARDS for that person ({@code CardOperators.requireForPerson}): the office serving the
     * collectivity and national administrators; its mayor and delegates for its agents only, never for
     * the card of a mayor or delegate (their own included).
     */
    static boolean handsOver(Caller caller, Target target) {
        boolean inA = target != Target.AGENT_OF_B;
        boolean trustTarget = target == Target.MAYOR_OF_A || target == Target.DELEGATE_OF_A
                || target == Target.OWN && (caller == Caller.MAYOR || caller == Caller.DELEGATE);
        return switch (caller) {
            case NATIONAL_ADMINISTRATOR -> true;
            case REGISTRATION_OFFICER -> inA;
            case MAYOR, DELEGATE -> inA && !trustTarget;
            default -> false;
        };
    }

    /** The targeted rows: "METHOD pattern" → rule on (caller, target) and path with {card} and {order}. */
    static final Map<String, Map.Entry<TargetRule, String[]>> TARGETED = new LinkedHashMap<>();

    static {
        TARGETED.put("GET /api/v1/card-orders/{id}", Map.entry((c, t) -> holder(c, t) || reads(c, t),
                new String[] {"GET", "/api/v1/card-orders/{order}"}));
        TARGETED.put("POST /api/v1/card-orders/{id}/transitions", Map.entry((c, t) -> c == Caller.NATIONAL_ADMINISTRATOR
                || c == Caller.REGISTRATION_OFFICER && t != Target.AGENT_OF_B, new String[] {"POST", "/api/v1/card-orders/{order}/transitions",
                "{\"action\": \"approve\"}"}));
        TARGETED.put("POST /api/v1/card-orders/{id}/personalization", Map.entry(CardAuthorizationMatrixTest::handsOver,
                new String[] {"POST", "/api/v1/card-orders/{order}/personalization", "{}"}));
        TARGETED.put("GET /api/v1/cards/{cardId}", Map.entry((c, t) -> holder(c, t) || reads(c, t),
                new String[] {"GET", "/api/v1/cards/{card}"}));
        TARGETED.put("GET /api/v1/cards/{cardId}/hand-over-receipt", Map.entry((c, t) -> holder(c, t) || handsOver(c, t),
                new String[] {"GET", "/api/v1/cards/{card}/hand-over-receipt"}));
        TARGETED.put("POST /api/v1/cards/{cardId}/hand-over", Map.entry(CardAuthorizationMatrixTest::handsOver,
                new String[] {"POST", "/api/v1/cards/{card}/hand-over", "{}"}));
        TARGETED.put("GET /api/v1/cards/{cardId}/identity-document", Map.entry((c, t) -> c == Caller.AUDITOR
                || c == Caller.REGISTRATION_OFFICER && t != Target.AGENT_OF_B, new String[] {"GET", "/api/v1/cards/{card}/identity-document"}));
        TARGETED.put("POST /api/v1/cards/{cardId}/activation-challenges", Map.entry((c, t) -> holder(c, t) || handsOver(c, t),
                new String[] {"POST", "/api/v1/cards/{card}/activation-challenges", "{}"}));
        TARGETED.put("POST /api/v1/cards/{cardId}/activation", Map.entry((c, t) -> holder(c, t) || handsOver(c, t),
                new String[] {"POST", "/api/v1/cards/{card}/activation", "{}"}));
    }

    /**
     * The card routes whose rows above only say "any logged-in caller, random id", with real targets:
     * the caller's own card, an agent's of their commune, its mayor's, a (peer) delegate's, and a card of
     * the other commune; allowed and refused as docs/api.md says, a refusal changing nothing. The cards are
     * personalized, not handed over: an allowed write stops at its state or body check (409/400/404).
     */
    @Test
    void cardRoutesAnswerByTheTargetsRole() {
        TestCards cards = new TestCards(this, database, cardTransitions, transactions);
        TestPerson agentOfA = directory().person("Agnès", "Cible-A");
        directory().assign(agentOfA, Role.AGENT, samples.a);
        TestPerson peerDelegate = directory().person("Paul", "Pair-délégué");
        directory().assign(peerDelegate, Role.DELEGATE, samples.a);
        directory().assign(peerDelegate, Role.AGENT, samples.a);
        UUID b = samples.b;
        TestPerson agentOfB = directory().person("Bruno", "Cible-B");
        directory().assign(agentOfB, Role.AGENT, b);
        Map<Caller, UUID> own = new java.util.EnumMap<>(Caller.class);
        for (Caller holder : List.of(Caller.AGENT, Caller.DELEGATE, Caller.MAYOR)) {
            own.put(holder, cards.personalize(callersOfA.get(holder), samples.a).id());
        }
        Map<Target, UUID> others = new java.util.EnumMap<>(Target.class);
        others.put(Target.AGENT_OF_A, cards.personalize(agentOfA, samples.a).id());
        others.put(Target.MAYOR_OF_A, own.get(Caller.MAYOR));
        others.put(Target.DELEGATE_OF_A, cards.personalize(peerDelegate, samples.a).id());
        others.put(Target.AGENT_OF_B, cards.personalize(agentOfB, b).id());

        List<String> failures = new ArrayList<>();
        for (Caller caller : List.of(Caller.AGENT, Caller.DELEGATE, Caller.MAYOR, Caller.REGISTRATION_OFFICER, Caller.AUDITOR,
                Caller.NATIONAL_ADMINISTRATOR)) {
            for (Target target : Target.values()) {
                UUID card = target == Target.OWN ? own.get(caller) : others.get(target);
                if (card == null || target == Target.MAYOR_OF_A && caller == Caller.MAYOR) {
                    continue; // no card of their own (office, auditor, national); the mayor's own card is OWN
                }
                UUID order = database.sql("select order_id from card where id = :card").bind("card", card)
                        .map(row -> row.get("order_id", UUID.class)).one().block();
                for (Map.Entry<String, Map.Entry<TargetRule, String[]>> route : TARGETED.entrySet()) {
                    String[] call = route.getValue().getValue();
                    String path = call[1].replace("{card}", card.toString()).replace("{order}", order.toString());
                    boolean allowed = route.getValue().getKey().allows(caller, target);
                    Row row = new Row((who, ownCollectivity) -> allowed,
                            call[0].equals("GET") ? get(path) : postJson(path, (s, o) -> call[2]));
                    check(route.getKey() + " on " + target, row, caller, true).ifPresent(failures::add);
                }
            }
        }
        assertThat(failures).isEmpty();
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
