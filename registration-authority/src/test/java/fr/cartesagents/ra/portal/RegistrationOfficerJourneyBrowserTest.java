package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.localapi.CertificateIssuers;
import fr.cartesagents.bridge.localapi.LocalApiServer;
import fr.cartesagents.bridge.localapi.LocalApiSettings;
import fr.cartesagents.bridge.localapi.WorkstationCards;
import fr.cartesagents.bridge.personalization.PairIssuer;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityClient;
import fr.cartesagents.bridge.personalization.TransportUnblockSecret;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ra.delivery.Zones;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import fr.cartesagents.ra.unblock.CardUnblockSecrets;

/**
 * The registration officer of the demo (demo login) at their desk: the commune their office
 * serves, a card ordered from the desk, the order approved, the blank card in the reader
 * personalized through a real bridge ({@code LocalApiServer} on a SoftHSM2 card, with an operator
 * certificate of the same office) whose transport unblock code file is wrong at first (the card's
 * refusal shown, "Reprendre la personnalisation" offered; the file fixed, the page resumes and the
 * card ends with its own PUK), the
 * face-to-face hand-over (a zone that names someone else refused with the server's reason, then the
 * right identity card, its copy, the terms, the receipt signed by the card), the receipt to print.
 * Then, logged out and without any certificate, the holder declares the card stolen with their
 * revocation code on the public page: a wrong code revokes nothing, the right one revokes both
 * certificates. Every page passes axe-core.
 */
class RegistrationOfficerJourneyBrowserTest extends PortalBrowserTest {

    private static final String AGENT_HOLDER_ID = "DEMO-59017-AGENT";
    private static final String DOCUMENT_NUMBER = "X4RTBPFW4";
    private static final LocalDate DOCUMENT_EXPIRY = LocalDate.now().plusYears(5);

    @Autowired
    CardUnblockSecrets unblockSecrets;

    @Test
    void whenTheOfficerIssuesACardFaceToFace_thenTheHolderCanRevokeItWithTheirCodeWithoutAnyCertificate() throws Exception {
        UUID commune = uuid("select id from collectivity where insee_code = '59017'");
        UUID office = uuid("select id from registration_office where code = 'PREF-59'");
        UUID agent = uuid("select id from person where holder_id = '" + AGENT_HOLDER_ID + "'");
        activeCartesConvention(commune);
        // The bridge on the desk's workstation reaches the server with an operator's own certificate of the office
        TestPerson operator = directory().person("Paul", "Opérateur");
        directory().assign(operator, Role.REGISTRATION_OFFICER, office);
        Path operatorCard = cardOf(operator);

        TestCard blank = SoftHsmCards.get().newCard("guichet");
        // The bridge reads the batch's transport unblock code from its file at each personalization; a wrong one first
        Path bridgeHome = Files.createTempDirectory(dataDirectory(), "bridge-");
        Path transportPuk = Files.writeString(bridgeHome.resolve("transport-puk"), "00000000\n");
        List<X509CertificateHolder> chain = PemFiles.readCertificates(caChain());
        PairIssuer registrationAuthority = RegistrationAuthorityClient.connect(URI.create("https://localhost:" + api("/").getPort()),
                operatorCard, CARD_PASSWORD.toCharArray(), chain);
        CertificateIssuers issuers = new CertificateIssuers() {
            @Override
            public PairIssuer registrationAuthority() {
                return registrationAuthority;
            }

            @Override
            public List<X509CertificateHolder> caChain() {
                return chain;
            }

            @Override
            public TransportUnblockSecret transportUnblockSecret() {
                return TransportUnblockSecret.inFile(transportPuk);
            }
        };
        LocalApiSettings settings = new LocalApiSettings(0, Set.of("https://localhost:" + api("/").getPort()),
                LocalApiSettings.DEFAULT_MAX_REQUEST_BYTES, bridgeHome.resolve("pairing-token"));
        UUID card;
        try (LocalApiServer bridge = LocalApiServer.start(settings, new WorkstationCards(SoftHsmCards.get().counterModule(), blank::driver),
                Optional.of(issuers))) {
            demoLogin("officier");
            page.click(By.cssSelector("#menu a[href='#/guichet']")).expectHeading("Guichet de l'autorité d'enregistrement");
            page.waitForText(By.id("titre-communes"), "Communes").waitForText(By.cssSelector("main"), "Armentières");
            page.checkPage("guichet");

            // The office orders from the desk; the server says who may order what
            new Select(page.field("Commune")).selectByVisibleText("Armentières");
            page.waitUntil(driver -> page.field("Personne").getText().contains("Sophie Dubois"));
            new Select(page.field("Personne")).selectByVisibleText("Sophie Dubois");
            new Select(page.field("Motif")).selectByValue("initial");
            page.click(By.cssSelector("#commander-guichet button[type='submit']"));
            page.waitForText(By.cssSelector("main .cartes-success"), "La commande est enregistrée");
            page.waitForText(By.cssSelector("section[aria-labelledby='titre-approuver']"), "Sophie Dubois");
            UUID order = uuid("select id from card_order where person_id = '" + agent + "' and state = 'requested'");
            page.checkPage("commande-passee");

            page.click(By.cssSelector("button[name='approuver-" + order + "']"));
            page.waitForText(By.cssSelector("main .cartes-success"), "La commande est approuvée.");
            assertThat(orderState(order)).isEqualTo("approved");

            page.waitUntil(driver -> !page.all(By.id("appairage")).isEmpty());
            page.type("Code d'appairage", bridge.pairingCode()).type("Port du logiciel", String.valueOf(bridge.baseUri().getPort()));
            page.click(By.cssSelector("#appairage button[type='submit']"));
            page.type("Code PIN de la carte insérée", SoftHsmCards.USER_PIN);
            page.checkPage("personnalisation");
            page.click(By.cssSelector("#personnaliser button[name='personnaliser']"));
            // The card refuses the wrong transport code: its certificates are issued and written, its PUK is not set
            page.waitForText(By.cssSelector("#personnaliser .fr-alert--error"), "Reprendre la personnalisation");
            assertThat(orderState(order)).isEqualTo("personalized");
            assertThat(page.driver().findElement(By.cssSelector("#personnaliser button[name='reprendre']")).isDisplayed()).isTrue();
            page.checkPage("personnalisation-interrompue");

            // The operator fixes the bridge's transport code file and resumes from the page: the keys on the card are kept
            Files.writeString(transportPuk, SoftHsmCards.SO_PIN + "\n"); // the blank token's SO PIN, as a batch's transport PUK
            page.type("Code PIN de la carte insérée", SoftHsmCards.USER_PIN);
            page.click(By.cssSelector("#personnaliser button[name='reprendre']"));
            page.waitForText(By.cssSelector("main .cartes-success"), "La carte est personnalisée");
            assertThat(count("card where order_id = '" + order + "'")).as("one card, the resume issued nothing more").isEqualTo(1);
            card = uuid("select id from card where order_id = '" + order + "'");

            page.click(By.cssSelector("button[name='remettre-" + card + "']"));
            page.waitForText(By.id("titre-remise"), "Sophie Dubois");
            Path copy = Files.write(bridgeHome.resolve("cni.png"), Base64.getDecoder().decode(
                    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="));
            fillHandOver(Zones.td1("ID", "DURAND", "SOPHIE", DOCUMENT_NUMBER, LocalDate.of(1985, 6, 2), DOCUMENT_EXPIRY), copy);
            page.checkPage("remise-saisie");
            page.click(By.cssSelector("#remise button[type='submit']"));
            page.waitUntil(driver -> !page.all(By.cssSelector("#remise .fr-alert--error")).isEmpty());
            assertThat(page.text(By.cssSelector("#remise .fr-alert--error"))).doesNotContain("DURAND");
            assertThat(cardState(card)).as("a refused hand-over changes nothing").isEqualTo("personalized");
            page.checkPage("remise-refusee");

            fillHandOver(Zones.td1("ID", "DUBOIS", "SOPHIE", DOCUMENT_NUMBER, LocalDate.of(1985, 6, 2), DOCUMENT_EXPIRY), copy);
            page.click(By.cssSelector("#remise button[type='submit']"));
            page.waitForText(By.id("titre-recepisse"), "La carte est remise");
        }
        assertThat(cardState(card)).isEqualTo("delivered");
        assertThat(page.text(By.id("texte-recepisse"))).contains(AGENT_HOLDER_ID);
        // The code is shown once, on the page and on the printable receipt; only its hash is kept
        String code = page.text(By.cssSelector("#code-revocation [data-code]"));
        assertThat(page.text(By.id("texte-recepisse"))).contains(code);
        assertThat(count("card_revocation_code where card_id = '" + card + "' and used_at is null")).isEqualTo(1);
        assertThat(database.sql("select code_hash from card_revocation_code where card_id = :card").bind("card", card)
                .map(row -> row.get("code_hash", String.class)).one().block()).doesNotContain(code);
        page.checkPage("recepisse");

        page.click(By.id("deconnexion")).expectHeading("Se connecter");
        page.open("/portail/#/declarer-perte").expectHeading("Déclarer la perte ou le vol d'une carte");
        page.type("Votre identifiant de porteur", AGENT_HOLDER_ID).type("Code personnel de révocation", "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
        page.click(By.cssSelector("label[for='motif-theft']")).click(By.cssSelector("#declarer-perte button[type='submit']"));
        page.waitForText(By.cssSelector("#declarer-perte .fr-alert--error"), "n'est pas le bon");
        assertThat(cardState(card)).as("a wrong code revokes nothing").isEqualTo("delivered");
        page.checkPage("perte-code-faux");

        page.type("Code personnel de révocation", code).click(By.cssSelector("#declarer-perte button[type='submit']"));
        page.waitForText(By.id("cartes-revoquees"), "révoquée le");
        assertThat(cardState(card)).isEqualTo("revoked");
        assertThat(database.sql("select c.status from certificate c join card k on c.serial in (k.authentication_serial, k.signature_serial)"
                        + " where k.id = :card").bind("card", card).map(row -> row.get("status", String.class)).all().collectList().block())
                .containsExactly("revoked", "revoked");
        page.checkPage("perte-declaree");

        // The resume set the card's own PUK: the batch's transport code no longer unblocks it, the server's PUK does
        try (CardDriver driver = blank.driver(); Pin transport = Pin.wrap(SoftHsmCards.SO_PIN.toCharArray());
             Pin puk = Pin.wrap(unblockSecrets.puk(blank.serialNumber()).toChars()); Pin newPin = Pin.wrap("5791".toCharArray())) {
            assertThatThrownBy(() -> driver.unblockPin(transport, newPin)).isInstanceOfSatisfying(CardException.class,
                    refused -> assertThat(refused.failure()).isEqualTo(CardFailure.WRONG_UNBLOCK_SECRET));
            driver.unblockPin(puk, newPin);
        }
    }

    private void fillHandOver(String mrz, Path copy) {
        page.type("Numéro de la pièce", DOCUMENT_NUMBER).date("Date d'expiration de la pièce", DOCUMENT_EXPIRY.toString())
                .type("Bande de lecture automatique", mrz);
        page.field("Copie de la pièce").sendKeys(copy.toString());
        if (!page.driver().findElement(By.id("cgu-acceptees")).isSelected()) {
            page.click(By.cssSelector("label[for='cgu-acceptees']"));
        }
        page.type("Code PIN de la carte (saisi par le titulaire)", SoftHsmCards.USER_PIN);
    }

    private String orderState(UUID order) {
        return database.sql("select state from card_order where id = :id").bind("id", order).map(row -> row.get("state", String.class))
                .one().block();
    }

    private String cardState(UUID card) {
        return database.sql("select state from card where id = :id").bind("id", card).map(row -> row.get("state", String.class))
                .one().block();
    }
}
