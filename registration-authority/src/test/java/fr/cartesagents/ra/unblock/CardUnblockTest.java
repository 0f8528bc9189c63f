package fr.cartesagents.ra.unblock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.Pkcs11TokenSelection;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.ca.cardsecret.CardSerial;
import fr.cartesagents.ca.cardsecret.DerivedCardSecrets;
import fr.cartesagents.ca.cardsecret.SoftwareMasterKey;
import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import fr.cartesagents.ra.testsupport.Mailbox;
import fr.cartesagents.ra.testsupport.TestCards.TestCard;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server-assisted unblock (Art. V) end to end: a SoftHSM2 token stands for the card, behind the
 * bridge's PIN-counting PKCS#11 module (so its PIN really blocks), and the bridge's own driver
 * unblocks it with the secret the server releases. Wrong codes until lock-out, and an unknown card
 * answered as a wrong code, an expired code, and the per-card limit on codes sent, are checked too,
 * with the audit trail after each step.
 */
class CardUnblockTest extends CardLifecycleServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration MAIL = Duration.ofSeconds(20);
    private static final Pattern CODE = Pattern.compile("\\n\\s+(\\d{8})\\s*\\n");

    private TestPerson agent;
    private TestCard card;
    private HttpClient nobody;

    @BeforeEach
    void world() {
        freshCommune("Déblocage-" + newKey().substring(0, 6));
        agent = agent("Bloquée");
        card = personalizedCardOf(agent);
        Actor office = new Actor("test-hand-over", Optional.empty(), Set.of(), "test", Optional.empty());
        transactions.transactional(cardTransitions.move(office, card.id(), CardAction.DELIVER, Optional.empty(), Map.of())).block();
        nobody = anonymousClient();
    }

    @Test
    void theMailedCodeReleasesThatCardsPuk_whichUnblocksTheCardThroughTheBridge() {
        // The card: a token whose security-officer PIN is the PUK derived from the card serial, computed
        // here independently of the server, from its master key file.
        String puk = new DerivedCardSecrets(SoftwareMasterKey.readOrCreate(
                dataDirectory().resolve("card-secrets").resolve("master-key.hex"))).puk(new CardSerial(card.cardSerial())).digits();
        SoftHsmCards cards = SoftHsmCards.get();
        String label = "unblock-" + UUID.randomUUID().toString().substring(0, 8);
        Pkcs11CryptoToken.initializeToken(cards.softHsmModule(), label, puk.toCharArray(), SoftHsmCards.USER_PIN.toCharArray());
        Pkcs11TokenSelection reader = Pkcs11TokenSelection.byLabel(cards.counterModule(), label);
        try (Pkcs11CardDriver driver = Pkcs11CardDriver.open(reader)) {
            for (int i = 0; i < SoftHsmCards.USER_TRIES; i++) {
                assertThatThrownBy(() -> driver.authenticate(Pin.wrap("0000".toCharArray())).close());
            }
            assertThat(driver.pinStatus().blocked()).isTrue();
        }

        // The delegate asks for the holder; the code reaches the holder only.
        HttpResponse<byte[]> asked = postJson(clientOf(delegate), api("/api/v1/cards/" + card.id() + "/unblock-requests"), "", null);
        assertThat(asked.statusCode()).as(text(asked)).isEqualTo(202);
        String code = codeIn(Mailbox.awaitTo(email(agent), 1, MAIL).get(0));
        // the answer never carries the code (a pattern of digits would also match a card id's last group)
        assertThat(text(asked)).doesNotContain(code);
        assertThat(JSON.readTree(asked.body()).has("code")).isFalse();
        assertThat(Mailbox.to(email(delegate))).isEmpty();

        HttpResponse<byte[]> wrong = unblock(card.id(), "00000000");
        assertThat(wrong.statusCode()).isEqualTo(422);
        HttpResponse<byte[]> released = unblock(card.id(), code);
        assertThat(released.statusCode()).as(text(released)).isEqualTo(200);
        JsonNode secret = JSON.readTree(released.body());
        assertThat(secret.get("cardSerial").asString()).isEqualTo(card.cardSerial());
        assertThat(secret.get("puk").asString()).isEqualTo(puk);

        // The bridge resets the counter with it and the holder sets a new PIN.
        try (Pkcs11CardDriver driver = Pkcs11CardDriver.open(reader)) {
            driver.unblockPin(Pin.wrap(secret.get("puk").asString().toCharArray()), Pin.wrap("1357".toCharArray()));
            driver.authenticate(Pin.wrap("1357".toCharArray())).close();
        }
        // One-time: the same code does not serve twice.
        assertThat(unblock(card.id(), code).statusCode()).isEqualTo(422);
        assertThat(auditActions("card:" + card.id())).containsSubsequence("unblock.code-requested", "unblock.code-rejected",
                "unblock.secret-released", "unblock.code-rejected");
        assertThat(database.sql("select count(*) as n from audit_event where details::text like :puk").bind("puk", "%" + puk + "%")
                .map(row -> row.get("n", Long.class)).one().block()).as("the PUK is in no audit event").isZero();
        assertAuditChainIntact();
    }

    @Test
    void fiveWrongCodesLockTheRemoteUnblock_untilTheRegistrationOfficeLiftsIt_andAnUnknownCardIsAnsweredAsAWrongCode() {
        HttpClient holder = client(card.loginKeyStore(), CARD_PASSWORD);
        assertThat(postJson(holder, api("/api/v1/cards/" + card.id() + "/unblock-requests"), "", null).statusCode()).isEqualTo(202);
        String code = codeIn(Mailbox.awaitTo(email(agent), 1, MAIL).get(0));

        HttpResponse<byte[]> unknownCard = unblock(UUID.randomUUID(), "12345678");
        HttpResponse<byte[]> firstWrong = unblock(card.id(), "12345678");
        assertThat(unknownCard.statusCode()).isEqualTo(422);
        assertThat(firstWrong.statusCode()).isEqualTo(422);
        assertThat(unknownCard.body()).isEqualTo(firstWrong.body());
        for (int i = 2; i <= 4; i++) {
            assertThat(unblock(card.id(), "1234567" + i).statusCode()).isEqualTo(422);
        }
        HttpResponse<byte[]> fifth = unblock(card.id(), "87654321");
        assertThat(fifth.statusCode()).as(text(fifth)).isEqualTo(423);
        // Locked: the right code no longer works, and neither the holder nor the delegate can ask again.
        assertThat(unblock(card.id(), code).statusCode()).isEqualTo(423);
        assertThat(postJson(holder, api("/api/v1/cards/" + card.id() + "/unblock-requests"), "", null).statusCode()).isEqualTo(423);
        assertThat(postJson(clientOf(delegate), api("/api/v1/cards/" + card.id() + "/unblock-requests"), "", null).statusCode())
                .isEqualTo(423);

        // The registration office, after checking who asks, lifts the lock with a new code.
        HttpResponse<byte[]> lifted = postJson(clientOf(officer), api("/api/v1/cards/" + card.id() + "/unblock-requests"), "", null);
        assertThat(lifted.statusCode()).as(text(lifted)).isEqualTo(202);
        String newCode = codeIn(Mailbox.awaitTo(email(agent), 2, MAIL).get(1));
        assertThat(unblock(card.id(), newCode).statusCode()).isEqualTo(200);

        assertThat(auditActions("card:" + card.id())).containsSubsequence("unblock.code-requested", "unblock.code-rejected",
                "unblock.code-rejected", "unblock.code-rejected", "unblock.code-rejected", "unblock.code-rejected",
                "unblock.locked-out", "unblock.locked-attempt", "unblock.lock-lifted", "unblock.code-requested",
                "unblock.secret-released");
        assertAuditChainIntact();
    }

    @Test
    void anUnblockRequestRecordsThePinAsBlocked_untilTheUnblockIsReportedDoneAfterTheRelease_orTheCardLogsIn() {
        HttpClient holder = client(card.loginKeyStore(), CARD_PASSWORD);
        String cardPath = "/api/v1/cards/" + card.id();
        assertThat(JSON.readTree(get(clientOf(delegate), api(cardPath)).body()).get("pinBlockedSince").isNull()).isTrue();

        assertThat(postJson(holder, api(cardPath + "/unblock-requests"), "", null).statusCode()).isEqualTo(202);
        java.time.OffsetDateTime blockedSince = pinBlockedSince();
        assertThat(blockedSince).as("asking to unblock says the PIN is blocked").isNotNull();
        assertThat(java.time.Instant.parse(JSON.readTree(get(clientOf(delegate), api(cardPath)).body()).get("pinBlockedSince").asString()))
                .isEqualTo(blockedSince.toInstant());
        // A second request (the delegate's) keeps the first date
        assertThat(postJson(clientOf(delegate), api(cardPath + "/unblock-requests"), "", null).statusCode()).isEqualTo(202);
        assertThat(pinBlockedSince()).isEqualTo(blockedSince);
        String code = codeIn(Mailbox.awaitTo(email(agent), 2, MAIL).get(1));

        // Reported done before any secret was released: refused, nothing changes
        HttpResponse<byte[]> early = postJson(holder, api(cardPath + "/unblock/completion"), "", null);
        assertThat(early.statusCode()).as(text(early)).isEqualTo(409);
        assertThat(pinBlockedSince()).isEqualTo(blockedSince);
        assertThat(postJson(clientOf(agent("Étrangère")), api(cardPath + "/unblock/completion"), "", null).statusCode()).isEqualTo(403);

        assertThat(unblock(card.id(), code).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> done = postJson(holder, api(cardPath + "/unblock/completion"), "", null);
        assertThat(done.statusCode()).as(text(done)).isEqualTo(204);
        assertThat(pinBlockedSince()).isNull();
        assertThat(postJson(holder, api(cardPath + "/unblock/completion"), "", null).statusCode()).as("nothing left to clear")
                .isEqualTo(204);

        // Blocked again; a portal login with the card (its PIN taken by the middleware) says it works
        assertThat(postJson(holder, api(cardPath + "/unblock-requests"), "", null).statusCode()).isEqualTo(202);
        assertThat(pinBlockedSince()).isNotNull();
        HttpResponse<byte[]> login = postJson(holder, api("/portail/session"), "", null);
        assertThat(login.statusCode()).as(text(login)).isEqualTo(201);
        assertThat(pinBlockedSince()).isNull();
        assertThat(auditActions("card:" + card.id())).containsSubsequence("card.pin-blocked", "unblock.secret-released",
                "card.pin-unblocked", "card.pin-blocked", "card.pin-unblocked");
        assertAuditChainIntact();
    }

    private java.time.OffsetDateTime pinBlockedSince() {
        return database.sql("select pin_blocked_since from card where id = :id").bind("id", card.id())
                .map(row -> java.util.Optional.ofNullable(row.get("pin_blocked_since", java.time.OffsetDateTime.class))).one().block()
                .orElse(null);
    }

    @Test
    void aCodeServesAQuarterOfAnHourOnly_andTheCardsManagersGetThreeCodesAnHour_whileTheOfficeIsNotLimited() {
        String requests = "/api/v1/cards/" + card.id() + "/unblock-requests";
        HttpClient byDelegate = clientOf(delegate);
        assertThat(postJson(byDelegate, api(requests), "", null).statusCode()).isEqualTo(202);
        String code = codeIn(Mailbox.awaitTo(email(agent), 1, MAIL).get(0));
        // Sixteen minutes later (the code's end moved back, the server's clock untouched): refused as a wrong code
        database.sql("update card_unblock_code set expires_at = expires_at - interval '16 minutes' where card_id = :c")
                .bind("c", card.id()).then().block();
        HttpResponse<byte[]> late = unblock(card.id(), code);
        assertThat(late.statusCode()).as(text(late)).isEqualTo(422);
        assertThat(JSON.readTree(late.body()).has("puk")).isFalse();
        assertThat(auditActions("card:" + card.id())).doesNotContain("unblock.secret-released");

        // Art. V: the codes are rate-limited per card (3 an hour): the fourth request is refused and mails nothing
        assertThat(postJson(byDelegate, api(requests), "", null).statusCode()).isEqualTo(202);
        assertThat(postJson(byDelegate, api(requests), "", null).statusCode()).isEqualTo(202);
        HttpResponse<byte[]> fourth = postJson(byDelegate, api(requests), "", null);
        assertThat(fourth.statusCode()).as(text(fourth)).isEqualTo(429);
        Mailbox.awaitTo(email(agent), 3, MAIL);
        // The registration office checked who asks: it still sends one, which works
        assertThat(postJson(clientOf(officer), api(requests), "", null).statusCode()).isEqualTo(202);
        String fromTheOffice = codeIn(Mailbox.awaitTo(email(agent), 4, MAIL).get(3));
        assertThat(unblock(card.id(), fromTheOffice).statusCode()).isEqualTo(200);
        assertThat(Mailbox.to(email(agent))).as("nothing mailed for the refused request").hasSize(4);
        assertAuditChainIntact();
    }

    @Test
    void onlyTheHolderTheirManagersAndTheirOfficeMayAskForACode() {
        TestPerson colleague = agent("Collègue");
        assertThat(postJson(clientOf(colleague), api("/api/v1/cards/" + card.id() + "/unblock-requests"), "", null).statusCode())
                .isEqualTo(403);
        assertThat(postJson(anonymousClient(), api("/api/v1/cards/" + card.id() + "/unblock-requests"), "", null).statusCode())
                .isEqualTo(401);
        assertThat(database.sql("select count(*) as n from card_unblock_code where card_id = :c").bind("c", card.id())
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
    }

    private HttpResponse<byte[]> unblock(UUID cardId, String code) {
        return postJson(nobody, api("/api/v1/cards/" + cardId + "/unblock"), "{\"code\": \"" + code + "\"}", null);
    }

    private static String codeIn(jakarta.mail.internet.MimeMessage message) {
        Matcher matcher = CODE.matcher(Mailbox.body(message));
        assertThat(matcher.find()).as(Mailbox.body(message)).isTrue();
        return matcher.group(1);
    }
}
