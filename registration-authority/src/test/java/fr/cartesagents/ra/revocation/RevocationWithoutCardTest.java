package fr.cartesagents.ra.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import fr.cartesagents.ra.testsupport.Mailbox;
import fr.cartesagents.ra.testsupport.PkiChecks;
import fr.cartesagents.ra.testsupport.TestCards.TestCard;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 on the whole server, with a client that presents no certificate at all: the personal
 * revocation code and the mailed one-time link revoke both certificates (OCSP, CRL); wrong codes
 * never revoke and hit the rate limit; an unknown holder gets exactly the answer a known one gets.
 */
class RevocationWithoutCardTest extends CardLifecycleServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration MAIL = Duration.ofSeconds(20);

    @Autowired
    RevocationCodes revocationCodes;

    private HttpClient nobody;

    @BeforeEach
    void world() {
        freshCommune("Sans-carte-" + newKey().substring(0, 6));
        nobody = anonymousClient();
    }

    @Test
    void theRevocationCodeRevokesBothCertificates_withoutAnyClientCertificate() {
        TestPerson agent = agent("Code");
        TestCard card = personalizedCardOf(agent);
        String code = issueCode(card);
        assertThat(code).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
        assertThat(database.sql("select code_hash from card_revocation_code where card_id = :id").bind("id", card.id())
                .map(row -> row.get("code_hash", String.class)).one().block()).startsWith("$argon2id$").doesNotContain(code);

        // Typed by hand: lower case, without the hyphens, by e-mail address.
        HttpResponse<byte[]> revoked = postJson(nobody, api("/api/v1/card-revocations"), """
                {"email": "%s", "code": "%s", "reason": "theft"}""".formatted(email(agent).toUpperCase(),
                code.replace("-", " ").toLowerCase()), null);

        assertThat(revoked.statusCode()).as(text(revoked)).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).get("revoked").get(0).get("cardId").asString()).isEqualTo(card.id().toString());
        assertThat(cardState(card.id())).isEqualTo("revoked");
        PkiChecks pki = pkiChecks();
        assertThat(pki.ocsp(card.authenticationSerial())).startsWith("revoked").contains("Reason: keyCompromise");
        assertThat(pki.ocsp(card.signatureSerial())).startsWith("revoked");
        assertThat(PkiChecks.lists(pki.crlText(), card.signatureSerial())).isTrue();
        assertThat(auditActions("card:" + card.id())).containsSubsequence("revocation.code-issued", "revocation.code-accepted",
                "card.revoke");
        assertAuditChainIntact();
        assertThat(Mailbox.body(Mailbox.awaitTo(email(mayor), 1, MAIL).get(0))).contains("Motif : vol de la carte.",
                "Demandée par : le titulaire, sans sa carte.", "commander une carte de remplacement");
        Mailbox.awaitTo(email(delegate), 1, MAIL);
        Mailbox.awaitTo(email(agent), 1, MAIL);

        // The code served once.
        HttpResponse<byte[]> again = postJson(nobody, api("/api/v1/card-revocations"), """
                {"holderId": "%s", "code": "%s", "reason": "theft"}""".formatted(agent.holderId(), code), null);
        assertThat(again.statusCode()).isEqualTo(422);
    }

    @Test
    void wrongCodesNeverRevoke_andHitTheRateLimit_andAnUnknownHolderIsAnsweredExactlyAsAKnownOne() {
        TestPerson agent = agent("Devine");
        TestCard card = personalizedCardOf(agent);
        String code = issueCode(card);
        String unknown = "T" + newKey().replace("-", "").substring(0, 15).toUpperCase();

        HttpResponse<byte[]> knownWrong = attempt(agent.holderId(), "AAAA-BBBB-CCCC-DDDD");
        HttpResponse<byte[]> unknownHolder = attempt(unknown, "AAAA-BBBB-CCCC-DDDD");
        assertThat(knownWrong.statusCode()).isEqualTo(422);
        assertThat(unknownHolder.statusCode()).isEqualTo(422);
        assertThat(unknownHolder.body()).isEqualTo(knownWrong.body());
        assertThat(unknownHolder.headers().map().keySet()).isEqualTo(knownWrong.headers().map().keySet());

        for (int i = 2; i <= 5; i++) {
            assertThat(attempt(agent.holderId(), "WRNG-" + i + "AAA-BBBB-CCCC").statusCode()).isEqualTo(422);
        }
        // The sixth attempt in 15 minutes is refused, even with the right code; nothing was revoked.
        HttpResponse<byte[]> limited = attempt(agent.holderId(), code);
        assertThat(limited.statusCode()).as(text(limited)).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(cardState(card.id())).isEqualTo("personalized");
        assertThat(certificateStatus(card.authenticationSerial())).isEqualTo("good");
        assertThat(pkiChecks().ocsp(card.authenticationSerial())).startsWith("good");
        // Every attempt is in the audit trail.
        String target = "card-revocation:holder:" + agent.holderId();
        assertThat(auditActions(target)).containsExactly("revocation.code-rejected", "revocation.code-rejected",
                "revocation.code-rejected", "revocation.code-rejected", "revocation.code-rejected", "revocation.rate-limited");
        assertThat(auditActions("card-revocation:holder:" + unknown)).containsExactly("revocation.code-rejected");
        assertAuditChainIntact();
    }

    @Test
    void theMailedOneTimeLinkRevokesTheCard_onceOnly_andAnUnknownAddressGetsTheSameAnswer() {
        TestPerson agent = agent("Lien");
        TestCard card = personalizedCardOf(agent);

        HttpResponse<byte[]> known = postJson(nobody, api("/api/v1/card-revocation-requests"),
                "{\"email\": \"" + email(agent) + "\", \"reason\": \"loss\"}", null);
        HttpResponse<byte[]> unknown = postJson(nobody, api("/api/v1/card-revocation-requests"),
                "{\"email\": \"personne-" + newKey() + "@mairie.test\", \"reason\": \"loss\"}", null);
        assertThat(known.statusCode()).isEqualTo(202);
        assertThat(unknown.statusCode()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(cardState(card.id())).isEqualTo("personalized");

        String mail = Mailbox.body(Mailbox.awaitTo(email(agent), 1, MAIL).get(0));
        Matcher link = Pattern.compile("https://portail\\.test/portail/revocation#jeton=([A-Za-z0-9_-]{43})").matcher(mail);
        assertThat(link.find()).as(mail).isTrue();
        String token = link.group(1);
        // The row is marked sent (and its secret wiped) just after the SMTP server took the message.
        long deadline = System.nanoTime() + MAIL.toNanos();
        long kept;
        do {
            kept = database.sql("select count(*) as n from notification_outbox where secret_model::text like :t")
                    .bind("t", "%" + token + "%").map(row -> row.get("n", Long.class)).one().block();
        } while (kept > 0 && System.nanoTime() < deadline && pause());
        assertThat(kept).as("token wiped once sent").isZero();

        HttpResponse<byte[]> revoked = postJson(nobody, api("/api/v1/card-revocations"), "{\"token\": \"" + token + "\"}", null);
        assertThat(revoked.statusCode()).as(text(revoked)).isEqualTo(200);
        assertThat(cardState(card.id())).isEqualTo("revoked");
        assertThat(pkiChecks().ocsp(card.signatureSerial())).startsWith("revoked").contains("Reason: keyCompromise");
        assertThat(auditActions("card:" + card.id())).contains("revocation.link-accepted", "card.revoke");

        HttpResponse<byte[]> reused = postJson(nobody, api("/api/v1/card-revocations"), "{\"token\": \"" + token + "\"}", null);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertAuditChainIntact();
    }

    private HttpResponse<byte[]> attempt(String holderId, String code) {
        return postJson(nobody, api("/api/v1/card-revocations"), """
                {"holderId": "%s", "code": "%s", "reason": "loss"}""".formatted(holderId, code), null);
    }

    private String issueCode(TestCard card) {
        Actor office = new Actor("test-hand-over", Optional.empty(), Set.of(), "test", Optional.empty());
        return transactions.transactional(revocationCodes.issue(office, card.id())).block();
    }

    private static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
