package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A browser without any certificate reaches the portal (TLS "want", not "need"): the login page,
 * the help page for people without a card, the public page to declare a lost card; the API still
 * answers 401 to it. Every page passes axe-core.
 */
class AnonymousVisitorBrowserTest extends PortalBrowserTest {

    @Test
    void whenNoCertificateIsPresented_thenThePortalExplainsWhatToDo_andTheApiStillRefuses() {
        page.open("/").expectHeading("Se connecter").checkPage("connexion");
        assertThat(statusFromPage("GET", "/api/v1/me")).isEqualTo(401);

        page.click(By.id("connexion-avec-carte"));
        page.waitForText(By.cssSelector("main .fr-alert--error"), "Aucun certificat de carte n'a été présenté");
        assertThat(page.driver().switchTo().activeElement().getAttribute("role")).isEqualTo("alert");
        page.checkPage("connexion-sans-carte");

        page.click(By.linkText("Je n'ai pas de carte, ou elle ne fonctionne pas")).expectHeading("Se connecter sans carte ou sans certificat");
        page.checkPage("aide");

        page.click(By.linkText("Déclarer la perte ou le vol d'une carte")).expectHeading("Déclarer la perte ou le vol d'une carte");
        page.checkPage("declarer-perte");
        page.click(By.cssSelector("#declarer-perte button[type='submit']"));
        page.waitUntil(driver -> !page.all(By.cssSelector("#declarer-perte .fr-alert")).isEmpty());
        page.checkPage("declarer-perte-envoye");

        page.open("/portail/#/nulle-part").expectHeading("Page introuvable").checkPage("introuvable");
    }
}
