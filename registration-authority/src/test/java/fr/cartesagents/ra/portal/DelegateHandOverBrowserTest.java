package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.localapi.LocalApiServer;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.delivery.Zones;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestCards;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;

/**
 * The delegate of the demo commune hands an agent's card over at the desk (Art. III, VI: a delegate
 * whose trust roles are not suspended may, for agents): the menu offers the desk, it lists the
 * agent's personalized card (a SoftHSM2 card whose keys were made on it and certified by the
 * server's CA) but not the mayor's (the office hands trust roles' cards over), and the hand-over
 * goes through a real bridge: identity card, copy, terms, receipt signed by the card. The card is
 * then delivered, recorded as handed over by the delegate. Every page passes axe-core.
 */
class DelegateHandOverBrowserTest extends PortalBrowserTest {

    private static final String DOCUMENT_NUMBER = "D7KQ2MZ85";
    private static final LocalDate DOCUMENT_EXPIRY = LocalDate.now().plusYears(4);

    @Autowired
    CardTransitions cardTransitions;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void whenTheDelegateHandsAnAgentsCardOver_thenTheCardIsDelivered_andTheMayorsCardIsLeftToTheOffice() throws Exception {
        UUID commune = uuid("select id from collectivity where insee_code = '59017'");
        TestPerson agent = directory().person("Léa", "Marchand");
        directory().assign(agent, Role.AGENT, commune);
        TestCards testCards = new TestCards(this, database, cardTransitions, transactions);
        TestCard card = SoftHsmCards.get().newCard("remise-delegue");
        Map<KeyRole, X509CertificateHolder> onCard = personalizeOnCard(testCards, agent, card);
        UUID cardId = testCards.record(agent, commune, card.serialNumber(), storedSerial(onCard.get(KeyRole.AUTHENTICATION)),
                storedSerial(onCard.get(KeyRole.SIGNATURE))).id();
        TestPerson mayor = new TestPerson(uuid("select id from person where holder_id = 'DEMO-59017-MAIRE'"), "DEMO-59017-MAIRE",
                "Hélène", "Lefèvre-Saint-Éloi");
        UUID mayorsCard = testCards.personalize(mayor, commune).id();

        try (LocalApiServer bridge = startBridge(card)) {
            demoLogin("delegue");
            page.click(By.cssSelector("#menu a[href='#/guichet']")).expectHeading("Remise des cartes aux agents");
            page.waitForText(By.cssSelector("section[aria-labelledby='titre-remise-liste']"), "Léa Marchand");
            assertThat(page.all(By.cssSelector("button[name='remettre-" + mayorsCard + "']")))
                    .as("the mayor's card is handed over by the office").isEmpty();
            page.checkPage("remise-agents");

            page.click(By.cssSelector("button[name='remettre-" + cardId + "']"));
            page.waitUntil(driver -> !page.all(By.id("appairage")).isEmpty());
            page.type("Code d'appairage", bridge.pairingCode()).type("Port du logiciel", String.valueOf(bridge.baseUri().getPort()));
            page.click(By.cssSelector("#appairage button[type='submit']"));
            page.waitForText(By.id("titre-remise"), "Léa Marchand");
            Path copy = Files.write(Files.createTempFile(dataDirectory(), "cni-", ".png"), Base64.getDecoder().decode(
                    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="));
            page.type("Numéro de la pièce", DOCUMENT_NUMBER).date("Date d'expiration de la pièce", DOCUMENT_EXPIRY.toString())
                    .type("Bande de lecture automatique", Zones.td1("ID", "MARCHAND", "LEA", DOCUMENT_NUMBER, LocalDate.of(1990, 3, 14),
                            DOCUMENT_EXPIRY));
            page.field("Copie de la pièce").sendKeys(copy.toString());
            page.click(By.cssSelector("label[for='cgu-acceptees']"));
            page.type("Code PIN de la carte (saisi par le titulaire)", SoftHsmCards.USER_PIN);
            page.checkPage("remise-agent-saisie");
            page.click(By.cssSelector("#remise button[type='submit']"));
            page.waitForText(By.id("titre-recepisse"), "La carte est remise");
            page.checkPage("remise-agent-faite");
        }
        assertThat(database.sql("select state from card where id = :id").bind("id", cardId).map(row -> row.get("state", String.class))
                .one().block()).isEqualTo("delivered");
        assertThat(database.sql("select handed_over_by from card_hand_over where card_id = :id").bind("id", cardId)
                .map(row -> row.get("handed_over_by", String.class)).one().block()).startsWith("demo:delegue");
        assertThat(database.sql("select state from card where id = :id").bind("id", mayorsCard)
                .map(row -> row.get("state", String.class)).one().block()).isEqualTo("personalized");
    }
}
