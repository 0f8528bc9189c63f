package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.localapi.LocalApiServer;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ca.token.Pkcs11Modules;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.testsupport.TestCards;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import fr.cartesagents.ra.unblock.CardUnblockSecrets;

/**
 * The agent's PIN is blocked (three wrong PINs typed in the page, on a SoftHSM2 card with a real
 * card's retry counter); the card is on record as theirs, delivered, and its PUK is the one the
 * server derives for its serial (as the personalization leaves it). From the page: a code is mailed
 * (read from the outbox here: no mail server in this test), a wrong code is refused by the server,
 * the right one gets the PUK from the server to the bridge, which unblocks the card with the new
 * PIN. Every page passes axe-core.
 */
class HolderUnblockBrowserTest extends PortalBrowserTest {

    private static final String NEW_PIN = "5827";

    @Autowired
    CardTransitions cardTransitions;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    CardUnblockSecrets unblockSecrets;

    @Test
    void whenTheHoldersPinIsBlocked_thenTheMailedCodeUnblocksTheCardFromThePage() throws Exception {
        UUID commune = uuid("select id from collectivity where insee_code = '59017'");
        TestPerson agent = new TestPerson(uuid("select id from person where holder_id = 'DEMO-59017-AGENT'"), "DEMO-59017-AGENT",
                "Sophie", "Dubois");
        TestCard card = SoftHsmCards.get().newCard("titulaire");
        UUID cardId = new TestCards(this, database, cardTransitions, transactions).personalize(agent, commune).id();
        database.sql("update card set card_serial = :serial, state = 'delivered', delivered_at = :now where id = :id")
                .bind("serial", card.serialNumber()).bind("now", OffsetDateTime.now(ZoneOffset.UTC)).bind("id", cardId).then().block();
        securityOfficerPin(card, unblockSecrets.puk(card.serialNumber()).toChars());

        try (LocalApiServer bridge = startBridge(card)) {
            demoLogin("agent");
            openMyCardPaired(bridge, card);
            for (int attempt = 0; attempt < SoftHsmCards.USER_TRIES; attempt++) {
                // The previous answer's alert goes first, so that the wait below is for this attempt's answer
                ((org.openqa.selenium.JavascriptExecutor) page.driver()).executeScript(
                        "document.querySelectorAll('#changer-pin .fr-alert').forEach(alert => alert.remove());");
                page.type("Code PIN actuel", "1357").type("Nouveau code PIN", NEW_PIN).type("Nouveau code PIN, une seconde fois", NEW_PIN);
                page.click(By.cssSelector("#changer-pin button[type='submit']"));
                page.waitUntil(driver -> !page.all(By.cssSelector("#changer-pin .fr-alert--error")).isEmpty());
            }
            page.open("/portail/#/").expectHeading("Tableau de bord");
            page.click(By.cssSelector("#menu a[href='#/ma-carte']")).expectHeading("Ma carte");
            page.waitForText(By.id("deblocage"), "Débloquer ma carte");
            page.checkPage("carte-bloquee");

            page.click(By.cssSelector("button[name='demander-code']"));
            page.waitForText(By.cssSelector("#deblocage .cartes-success"), "Un code de déblocage a été envoyé");
            String code = database.sql("select secret_model ->> 'code' as code from notification_outbox where template = 'unblock-code'"
                            + " and model::text like :serial order by created_at desc limit 1")
                    .bind("serial", "%" + card.serialNumber() + "%").map(row -> row.get("code", String.class)).one().block();
            assertThat(code).matches("\\d{8}");
            assertThat(pinBlocked(cardId)).as("asking to unblock records the PIN as blocked").isTrue();
            String wrong = code.equals("00000000") ? "11111111" : "00000000";

            page.type("Code de déblocage", wrong).type("Nouveau code PIN", NEW_PIN).type("Nouveau code PIN, une seconde fois", NEW_PIN);
            page.click(By.cssSelector("#debloquer button[type='submit']"));
            page.waitUntil(driver -> !page.all(By.cssSelector("#debloquer .fr-alert--error")).isEmpty());
            page.checkPage("code-faux");

            page.type("Code de déblocage", code).type("Nouveau code PIN", NEW_PIN).type("Nouveau code PIN, une seconde fois", NEW_PIN);
            page.click(By.cssSelector("#debloquer button[type='submit']"));
            page.waitForText(By.cssSelector("#pont .cartes-success"), "Votre carte est débloquée");
            assertThat(page.all(By.id("deblocage"))).as("the card read again is no longer blocked").isEmpty();
            assertThat(pinBlocked(cardId)).as("the page reported the unblock done").isFalse();
            page.checkPage("carte-debloquee");
        }
        try (var driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(TestCard.pin(NEW_PIN))) {
            assertThat(authenticated).isNotNull();
        }
    }

    private boolean pinBlocked(UUID cardId) {
        return count("card where id = '" + cardId + "' and pin_blocked_since is not null") == 1;
    }

    /** Sets the token's security-officer PIN to {@code puk}, as the personalization of a real card sets its PUK. */
    private static void securityOfficerPin(TestCard card, char[] puk) throws Exception {
        PKCS11Module module = Pkcs11Modules.load(SoftHsmCards.get().softHsmModule());
        synchronized (module) {
            for (Slot slot : module.getSlotList(true)) {
                Token token = slot.getToken();
                if (token.getTokenInfo().getLabel().trim().equals(card.label())) {
                    Session session = token.openSession(true);
                    try {
                        session.login(PKCS11Constants.CKU_SO, SoftHsmCards.SO_PIN.toCharArray());
                        session.setPIN(SoftHsmCards.SO_PIN.toCharArray(), puk);
                        session.logout();
                    } finally {
                        session.closeSession();
                    }
                    return;
                }
            }
        }
        throw new IllegalStateException("No token labelled " + card.label());
    }
}
