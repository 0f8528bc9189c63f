package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.localapi.LocalApiServer;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.testsupport.PkiChecks;
import fr.cartesagents.ra.testsupport.TestCards;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;

/**
 * The agent renews the certificates of their card from "Ma carte": a SoftHSM2 card personalized with
 * certificates of the server's CA (keys made on the card), on record as theirs and delivered, served
 * by a real bridge. Before the renewal window opens the page offers no button but the date the
 * server gives ({@code renewableFrom}), and the card keeps its certificates; once the authentication certificate ends within the window, the page has the bridge
 * make two new key pairs on the card, the server certify them, and the bridge write them: the card
 * then carries the server's new certificates (OCSP good), the old ones are revoked as superseded. The
 * bridge out of reach when the certificates come back: a second attempt writes them, with no new keys.
 * Every page passes axe-core.
 */
class HolderRenewalBrowserTest extends PortalBrowserTest {

    @Autowired
    CardTransitions cardTransitions;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void whenTheCertificatesNearTheirEnd_thenTheHolderRenewsTheCardFromThePage() throws Exception {
        UUID commune = uuid("select id from collectivity where insee_code = '59017'");
        TestPerson agent = new TestPerson(uuid("select id from person where holder_id = 'DEMO-59017-AGENT'"), "DEMO-59017-AGENT",
                "Sophie", "Dubois");
        TestCards testCards = new TestCards(this, database, cardTransitions, transactions);
        TestCard card = SoftHsmCards.get().newCard("renouvellement");
        // Keys made on the card, certified by the server's CA as the personalization does.
        Map<KeyRole, X509CertificateHolder> old = personalizeOnCard(testCards, agent, card);
        UUID cardId = testCards.record(agent, commune, card.serialNumber(), hex(old.get(KeyRole.AUTHENTICATION)),
                hex(old.get(KeyRole.SIGNATURE))).id();
        database.sql("update card set state = 'delivered', delivered_at = :now where id = :id")
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC)).bind("id", cardId).then().block();

        try (LocalApiServer bridge = startBridge(card)) {
            demoLogin("agent");
            openMyCardPaired(bridge, card);
            // Three years left: no button, the date from which the card can be renewed (the server's renewableFrom)
            int opensIn = database.sql("select not_after - interval '90 days' as opens from certificate where serial = :serial")
                    .bind("serial", hex(old.get(KeyRole.AUTHENTICATION))).map(row -> row.get("opens", OffsetDateTime.class)).one().block()
                    .atZoneSameInstant(java.time.ZoneId.systemDefault()).getYear();
            page.waitForText(By.id("renouvellement-a-venir"), "pourront être renouvelés ici à partir du");
            assertThat(page.text(By.id("renouvellement-a-venir"))).contains(Integer.toString(opensIn));
            assertThat(page.all(By.id("renouveler"))).as("no button the server would refuse").isEmpty();
            page.checkPage("renouvellement-a-venir");
            assertThat(certificatesOn(card)).isEqualTo(old);

            endsIn(old.get(KeyRole.AUTHENTICATION), Duration.ofDays(80));
            page.open("/portail/#/").expectHeading("Tableau de bord");
            page.click(By.cssSelector("#menu a[href='#/ma-carte']")).expectHeading("Ma carte");
            page.waitForText(By.id("renouveler"), "Renouveler ma carte");
            page.checkPage("renouvellement");
            // The bridge is out of reach when the certificates come back: the page keeps them, and the next
            // attempt writes them next to the keys they certify (new keys would not be certified again).
            ((org.openqa.selenium.JavascriptExecutor) page.driver()).executeScript(
                    "const original = window.fetch; let failed = false;"
                            + "window.fetch = (url, options) => { if (!failed && String(url).endsWith('/v1/card/renewal/certificates')) {"
                            + " failed = true; return Promise.reject(new TypeError('Failed to fetch')); } return original(url, options); };");
            page.type("Code PIN de la carte", SoftHsmCards.USER_PIN);
            page.click(By.cssSelector("#renouveler button[type='submit']"));
            page.waitForText(By.id("renouvellement-a-ecrire"), "pas encore écrits sur la carte");
            assertThat(certificatesOn(card)).as("the old certificates stay until the new ones are written").isEqualTo(old);
            assertThat(database.sql("select authentication_serial from card where id = :id").bind("id", cardId)
                    .map(row -> row.get("authentication_serial", String.class)).one().block())
                    .as("the server renewed the card").isNotEqualTo(hex(old.get(KeyRole.AUTHENTICATION)));
            page.type("Code PIN de la carte", SoftHsmCards.USER_PIN);
            page.click(By.cssSelector("#renouveler button[type='submit']"));
            page.waitForText(By.cssSelector("#pont .cartes-success"), "Votre carte est renouvelée");
            page.checkPage("carte-renouvelee");
        }

        Map<KeyRole, X509CertificateHolder> renewed = certificatesOn(card);
        List<String> onRecord = database.sql("select authentication_serial, signature_serial from card where id = :id").bind("id", cardId)
                .map(row -> List.of(row.get("authentication_serial", String.class), row.get("signature_serial", String.class))).one().block();
        assertThat(new BigInteger(onRecord.get(0), 16)).isEqualTo(renewed.get(KeyRole.AUTHENTICATION).getSerialNumber())
                .isNotEqualTo(old.get(KeyRole.AUTHENTICATION).getSerialNumber());
        assertThat(new BigInteger(onRecord.get(1), 16)).isEqualTo(renewed.get(KeyRole.SIGNATURE).getSerialNumber())
                .isNotEqualTo(old.get(KeyRole.SIGNATURE).getSerialNumber());
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(TestCard.userPin())) {
            assertThat(authenticated.publicKey(KeyRole.SIGNATURE).orElseThrow().getEncoded())
                    .as("the new certificate sits next to the card's new key").isEqualTo(renewed.get(KeyRole.SIGNATURE)
                            .getSubjectPublicKeyInfo().getEncoded());
            assertThat(authenticated.renewalKeys().publicKey(KeyRole.SIGNATURE)).isEmpty();
        }
        PkiChecks pki = new PkiChecks(this, Files.createTempDirectory(dataDirectory(), "pki-"));
        assertThat(pki.ocsp(hex(renewed.get(KeyRole.AUTHENTICATION)))).startsWith("good");
        assertThat(pki.ocsp(hex(renewed.get(KeyRole.SIGNATURE)))).startsWith("good");
        assertThat(pki.ocsp(hex(old.get(KeyRole.SIGNATURE)))).startsWith("revoked").contains("Reason: superseded");
    }

    private void endsIn(X509CertificateHolder certificate, Duration left) {
        database.sql("update certificate set not_after = :end where serial = :serial")
                .bind("end", OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(left), ZoneOffset.UTC))
                .bind("serial", hex(certificate)).then().block();
    }

    /** The serial as the server writes it. */
    private String hex(X509CertificateHolder certificate) {
        return storedSerial(certificate);
    }
}
