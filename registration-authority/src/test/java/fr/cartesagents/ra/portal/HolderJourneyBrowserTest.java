package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.localapi.LocalApiServer;
import fr.cartesagents.bridge.localapi.LocalApiSettings;
import fr.cartesagents.bridge.localapi.WorkstationCards;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;

/**
 * The agent (card holder) pairs the page with the workstation bridge, reads their card, mistypes
 * their PIN (the page says how many tries are left, under the field), then changes it: the bridge,
 * not the server, takes the PINs to the card (a SoftHSM2 token with a real card's retry counter).
 */
class HolderJourneyBrowserTest extends PortalBrowserTest {

    private static final String NEW_PIN = "7315";

    @Test
    void whenTheHolderChangesTheirPinFromThePage_thenTheCardTakesTheNewPin_andTheServerNeverSeesIt() throws IOException {
        TestCard card = SoftHsmCards.get().newCard("portail");
        Path bridgeHome = Files.createTempDirectory(dataDirectory(), "bridge-");
        String origin = "https://localhost:" + api("/").getPort();
        LocalApiSettings settings = new LocalApiSettings(0, Set.of(origin), LocalApiSettings.DEFAULT_MAX_REQUEST_BYTES,
                bridgeHome.resolve("pairing-token"));
        try (LocalApiServer bridge = LocalApiServer.start(settings,
                new WorkstationCards(SoftHsmCards.get().counterModule(), card::driver), Optional.empty())) {
            demoLogin("agent");
            page.click(By.cssSelector("#menu a[href='#/ma-carte']")).expectHeading("Ma carte");
            page.waitUntil(driver -> !page.all(By.id("appairage")).isEmpty());
            page.checkPage("appairage");
            page.type("Code d'appairage", bridge.pairingCode()).type("Port du logiciel", String.valueOf(bridge.baseUri().getPort()));
            page.click(By.cssSelector("#appairage button[type='submit']"));
            page.waitForText(By.id("carte-lue"), card.serialNumber());
            page.checkPage("ma-carte");

            page.type("Code PIN actuel", "1357").type("Nouveau code PIN", NEW_PIN).type("Nouveau code PIN, une seconde fois", NEW_PIN);
            page.click(By.cssSelector("#changer-pin button[type='submit']"));
            assertThat(page.fieldError("Code PIN actuel")).startsWith("Code PIN faux");
            page.checkPage("pin-faux");

            page.type("Code PIN actuel", SoftHsmCards.USER_PIN).type("Nouveau code PIN", NEW_PIN)
                    .type("Nouveau code PIN, une seconde fois", NEW_PIN);
            page.click(By.cssSelector("#changer-pin button[type='submit']"));
            page.waitForText(By.id("changer-pin"), "Votre code PIN a été changé");
            page.checkPage("pin-change");
        }
        try (var driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(TestCard.pin(NEW_PIN))) {
            assertThat(authenticated).isNotNull();
        }
        // the PIN as a value of its own: not four digits inside a random id or serial (hexadecimal)
        String asAValue = "(^|[^0-9a-fA-F])" + NEW_PIN + "([^0-9a-fA-F]|$)";
        assertThat(database.sql("select count(*) as n from audit_event where details::text ~ :pin or target ~ :pin")
                .bind("pin", asAValue).map(row -> row.get("n", Long.class)).one().block()).isZero();
    }
}
