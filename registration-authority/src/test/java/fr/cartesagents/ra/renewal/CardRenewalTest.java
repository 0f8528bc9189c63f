package fr.cartesagents.ra.renewal;

import static fr.cartesagents.ra.testsupport.TestCards.csr;
import static fr.cartesagents.ra.testsupport.TestCards.rsa;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import fr.cartesagents.ra.testsupport.PkiChecks;
import fr.cartesagents.ra.testsupport.TestCards;
import fr.cartesagents.ra.testsupport.TestCards.TestCard;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The holder's remote renewal of their card's certificates ({@code POST /api/v1/cards/{cardId}/renewal})
 * on the whole server: embedded PostgreSQL, the CA, real mutual TLS as the holder's card, OCSP and the
 * CRL asked with openssl, the audit chain.
 */
class CardRenewalTest extends CardLifecycleServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestPerson agent;
    private TestCard card;
    private HttpClient holder;

    @BeforeEach
    void world() {
        freshCommune("Renouvellement-" + newKey().substring(0, 6));
        agent = agent("Renouvelle");
        card = personalizedCardOf(agent);
        Actor office = new Actor("test-hand-over", Optional.empty(), Set.of(), "test", Optional.empty());
        transactions.transactional(cardTransitions.move(office, card.id(), CardAction.DELIVER, Optional.empty(), Map.of())
                .then(cardTransitions.move(office, card.id(), CardAction.ACTIVATE, Optional.empty(), Map.of()))).block();
        holder = client(card.loginKeyStore(), CARD_PASSWORD);
    }

    @Test
    void whenTheCertificatesNearTheirEnd_theHolderRenewsThemOnTheSameCard_andTheOldOnesAreSuperseded() throws Exception {
        Instant certificatesEnd = endsIn(Duration.ofDays(80));
        // Every card view says when the renewal opens: 90 days before the authentication certificate ends.
        JsonNode before = JSON.readTree(get(holder, api("/api/v1/cards/" + card.id())).body());
        assertThat(Instant.parse(before.get("authenticationNotAfter").asString())).isEqualTo(certificatesEnd);
        assertThat(Instant.parse(before.get("renewableFrom").asString())).isEqualTo(certificatesEnd.minus(Duration.ofDays(90)));
        JsonNode listed = JSON.readTree(get(holder, api("/api/v1/people/" + agent.id() + "/cards")).body()).get(0);
        assertThat(listed.get("renewableFrom").asString()).isEqualTo(before.get("renewableFrom").asString());
        assertThat(listed.get("authenticationCertificatePem").isNull()).as("no PEM in lists").isTrue();
        JsonNode ofCommune = JSON.readTree(get(clientOf(delegate), api("/api/v1/collectivities/" + commune + "/cards")).body())
                .get("items").get(0);
        assertThat(ofCommune.get("renewableFrom").asString()).isEqualTo(before.get("renewableFrom").asString());
        assertThat(ofCommune.get("signatureNotAfter").asString()).isEqualTo(before.get("signatureNotAfter").asString());
        KeyPair authentication = rsa();
        String body = renewalJson(authentication, rsa());
        String key = newKey();

        HttpResponse<byte[]> renewed = postJson(holder, api("/api/v1/cards/" + card.id() + "/renewal"), body, key);

        assertThat(renewed.statusCode()).as(text(renewed)).isEqualTo(200);
        JsonNode answer = JSON.readTree(renewed.body());
        String newAuthentication = answer.get("authenticationSerial").asString();
        String newSignature = answer.get("signatureSerial").asString();
        assertThat(Set.of(newAuthentication, newSignature)).doesNotContain(card.authenticationSerial(), card.signatureSerial());
        assertThat(answer.get("supersededAuthenticationSerial").asString()).isEqualTo(card.authenticationSerial());
        // The subject is the directory's holder, whatever the request said; 3 years from now.
        X509Certificate certificate = x509(answer.get("authenticationCertificatePem").asString());
        assertThat(new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(certificate).getSubject().toString())
                .contains("SERIALNUMBER=" + agent.holderId()).contains("CN=Chloé RENOUVELLE").doesNotContain("ignored");
        assertThat(certificate.getPublicKey()).isEqualTo(authentication.getPublic());
        assertThat(Duration.between(Instant.now(), certificate.getNotAfter().toInstant()).toDays()).isBetween(1090L, 1100L);
        // The database: the same card, still active, now carries the new pair; the old pair is revoked as superseded.
        JsonNode read = JSON.readTree(get(clientOf(delegate), api("/api/v1/cards/" + card.id())).body());
        assertThat(read.get("state").asString()).isEqualTo("active");
        assertThat(read.get("cardSerial").asString()).isEqualTo(card.cardSerial());
        assertThat(read.get("authenticationSerial").asString()).isEqualTo(newAuthentication);
        assertThat(read.get("signatureSerial").asString()).isEqualTo(newSignature);
        assertThat(Instant.parse(read.get("signatureNotAfter").asString())).isEqualTo(x509(answer.get("signatureCertificatePem")
                .asString()).getNotAfter().toInstant());
        assertThat(Instant.parse(read.get("renewableFrom").asString()))
                .isEqualTo(certificate.getNotAfter().toInstant().minus(Duration.ofDays(90)));
        assertThat(certificateStatus(card.authenticationSerial())).isEqualTo("revoked/superseded");
        assertThat(certificateStatus(card.signatureSerial())).isEqualTo("revoked/superseded");
        assertThat(certificateStatus(newAuthentication)).isEqualTo("good");
        // OCSP and the CRL at once.
        PkiChecks pki = pkiChecks();
        assertThat(pki.ocsp(card.signatureSerial())).startsWith("revoked").contains("Reason: superseded");
        assertThat(pki.ocsp(newSignature)).startsWith("good");
        assertThat(PkiChecks.lists(pki.crlText(), card.authenticationSerial())).isTrue();
        // Audited, chain intact.
        assertThat(auditActions("card:" + card.id())).containsSubsequence("card.personalized", "card.activate",
                "card.certificates-renewed");
        assertThat(auditActions("certificate:" + newAuthentication)).containsExactly("certificate.reserved", "certificate.issued");
        assertThat(auditActions("certificate:" + card.signatureSerial())).contains("certificate.revoked");
        assertAuditChainIntact();

        // The superseded certificate no longer logs in; the new one does, and renewing again is too early.
        assertThat(send(holder, HttpRequest.newBuilder(api("/api/v1/me")).GET().build()).statusCode()).isEqualTo(401);
        HttpClient renewedCard = client(new TestCards(this, database, cardTransitions, transactions)
                .keyStore(authentication, answer.get("authenticationCertificatePem").asString()), CARD_PASSWORD);
        HttpResponse<byte[]> again = postJson(renewedCard, api("/api/v1/cards/" + card.id() + "/renewal"), renewalJson(rsa(), rsa()),
                newKey());
        assertThat(again.statusCode()).as(text(again)).isEqualTo(422);
        assertThat(text(again)).contains("can be renewed from");
    }

    @Test
    void onlyTheHolderRenews_onlyInTheWindow_andARefusalChangesNothing() {
        String path = "/api/v1/cards/" + card.id() + "/renewal";
        long certificates = certificatesOfTheHolder();

        HttpResponse<byte[]> tooEarly = postJson(holder, api(path), renewalJson(rsa(), rsa()), newKey());
        assertThat(tooEarly.statusCode()).as(text(tooEarly)).isEqualTo(422);

        endsIn(Duration.ofDays(80));
        assertThat(postJson(clientOf(delegate), api(path), renewalJson(rsa(), rsa()), newKey()).statusCode()).isEqualTo(403);
        assertThat(postJson(clientOf(officer), api(path), renewalJson(rsa(), rsa()), newKey()).statusCode()).isEqualTo(403);
        assertThat(postJson(holder, api(path), renewalJson(rsa(), rsa()), null).statusCode()).as("Idempotency-Key required")
                .isEqualTo(400);
        assertThat(postJson(holder, api(path), "{\"authenticationCsr\": \"x\"}", newKey()).statusCode()).isEqualTo(400);
        KeyPair same = rsa();
        HttpResponse<byte[]> sameKey = postJson(holder, api(path), renewalJson(same, same), newKey());
        assertThat(sameKey.statusCode()).as(text(sameKey)).isEqualTo(422);

        assertThat(certificatesOfTheHolder()).as("nothing reserved, nothing issued").isEqualTo(certificates);
        assertThat(certificateStatus(card.authenticationSerial())).isEqualTo("good");
        assertThat(auditActions("card:" + card.id())).doesNotContain("card.certificates-renewed");

        // A card within its last window is replaced by a new order, not renewed: 409, nothing reserved.
        cardEndsIn(Duration.ofDays(60));
        HttpResponse<byte[]> ending = postJson(holder, api(path), renewalJson(rsa(), rsa()), newKey());
        assertThat(ending.statusCode()).as(text(ending)).isEqualTo(409);
        assertThat(text(ending)).contains("illegal-transition").contains("new order");
        assertThat(certificatesOfTheHolder()).as("nothing reserved, nothing issued").isEqualTo(certificates);
    }

    @Test
    void whenTheCardEndsBeforeThreeMoreYears_theRenewedCertificatesEndWithTheCard() throws Exception {
        endsIn(Duration.ofDays(80));
        Instant cardEnd = cardEndsIn(Duration.ofDays(400));
        String body = renewalJson(rsa(), rsa());
        String key = newKey();

        HttpResponse<byte[]> renewed = postJson(holder, api("/api/v1/cards/" + card.id() + "/renewal"), body, key);

        assertThat(renewed.statusCode()).as(text(renewed)).isEqualTo(200);
        JsonNode answer = JSON.readTree(renewed.body());
        PkiChecks pki = pkiChecks();
        for (String pem : new String[] {answer.get("authenticationCertificatePem").asString(),
                answer.get("signatureCertificatePem").asString()}) {
            // Read by openssl and by the JDK, not by our code: the certificate stops with the card, not 3 years from now.
            assertThat(pki.notAfter(pem)).isEqualTo(cardEnd);
            assertThat(x509(pem).getNotAfter().toInstant()).isEqualTo(cardEnd);
        }
        assertThat(Instant.parse(answer.get("certificatesExpireAt").asString())).isEqualTo(cardEnd);
        // The card now carries certificates that end with it: it never opens a renewal again, a new order replaces it.
        JsonNode read = JSON.readTree(get(clientOf(delegate), api("/api/v1/cards/" + card.id())).body());
        assertThat(read.get("authenticationSerial").asString()).isEqualTo(answer.get("authenticationSerial").asString());
        assertThat(Instant.parse(read.get("authenticationNotAfter").asString())).isEqualTo(cardEnd);
        assertThat(read.get("renewableFrom").isNull()).isTrue();
    }

    @Test
    void whenTheAnswerIsLost_theSupersededCertificateReplaysThatRenewal_andNothingElse_forTheReplayWindow() {
        endsIn(Duration.ofDays(80));
        String path = "/api/v1/cards/" + card.id() + "/renewal";
        String body = renewalJson(rsa(), rsa());
        String key = newKey();
        HttpResponse<byte[]> lost = postJson(holder, api(path), body, key);
        assertThat(lost.statusCode()).as(text(lost)).isEqualTo(200);
        long certificates = certificatesOfTheHolder();

        // The holder's answer never arrived: the retry, with the only certificate their card still presents, gets it again.
        HttpResponse<byte[]> replay = postJson(holder, api(path), body, key);

        assertThat(replay.statusCode()).as(text(replay)).isEqualTo(200);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(text(replay)).isEqualTo(text(lost));
        assertThat(certificatesOfTheHolder()).as("nothing issued again").isEqualTo(certificates);
        // Another body under the key is refused as for any caller; the old certificate does nothing else.
        HttpResponse<byte[]> otherBody = postJson(holder, api(path), renewalJson(rsa(), rsa()), key);
        assertThat(otherBody.statusCode()).as(text(otherBody)).isEqualTo(422);
        assertThat(postJson(holder, api(path), body, newKey()).statusCode()).as("a new renewal").isEqualTo(401);
        assertThat(postJson(holder, api("/api/v1/cards/" + card.id() + "/revocation"), "{\"reason\": \"loss\"}", key).statusCode())
                .as("another route, even with the renewal's key").isEqualTo(401);
        assertThat(get(holder, api("/api/v1/cards/" + card.id())).statusCode()).isEqualTo(401);
        assertThat(send(holder, HttpRequest.newBuilder(api("/api/v1/me")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(certificateStatus(card.authenticationSerial())).isEqualTo("revoked/superseded");
        assertThat(certificatesOfTheHolder()).isEqualTo(certificates);

        // Once cartes.renewal.replay-window (24 hours) has passed since the renewal, the old certificate is refused there too.
        database.sql("update renewal_supersession set superseded_at = superseded_at - interval '1 day' where card_id = :card")
                .bind("card", card.id()).then().block();
        assertThat(postJson(holder, api(path), body, key).statusCode()).isEqualTo(401);
    }

    /** As if the card's certificates had been issued almost 3 years ago; their end, to the second. */
    private Instant endsIn(Duration left) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(left);
        database.sql("update certificate set not_after = :end where serial in (:authentication, :signature)")
                .bind("end", OffsetDateTime.ofInstant(end, ZoneOffset.UTC))
                .bind("authentication", card.authenticationSerial()).bind("signature", card.signatureSerial()).then().block();
        return end;
    }

    /** As if the card had been personalized almost 6 years ago; the card's end, to the second. */
    private Instant cardEndsIn(Duration left) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(left);
        database.sql("update card set expires_at = :end where id = :id").bind("id", card.id())
                .bind("end", OffsetDateTime.ofInstant(end, ZoneOffset.UTC)).then().block();
        return end;
    }

    private long certificatesOfTheHolder() {
        return database.sql("select count(*) as n from certificate where holder_id = :holder").bind("holder", agent.holderId())
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private static String renewalJson(KeyPair authentication, KeyPair signature) {
        return JSON.writeValueAsString(Map.of("authenticationCsr", csr(authentication), "signatureCsr", csr(signature)));
    }

    private static X509Certificate x509(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
