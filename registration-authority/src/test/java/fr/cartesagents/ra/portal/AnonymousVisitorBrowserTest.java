package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A browser without any certificate reaches the portal (TLS "want", not "need"): the login page,
 * the help page for people without a card, the public page to declare a lost card (asking for the
 * emailed link, then following one: the link's page is reached without any certificate too); the
 * API still answers 401 to it. Every page passes axe-core.
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
        assertThat(page.fieldError("Votre identifiant de porteur")).isEqualTo("Ce champ est obligatoire.");
        page.checkPage("declarer-perte-incomplet");
        // Without the code: a one-time link is mailed, with the same answer whether the address is known or not
        long linksBefore = count("audit_event where action = 'revocation.link-requested'");
        page.type("Votre identifiant de porteur", "personne.inconnue@exemple.fr")
                .click(By.cssSelector("#declarer-perte button[type='submit']"));
        page.waitForText(By.cssSelector("#declarer-perte .cartes-success"), "un lien de confirmation a été envoyé");
        assertThat(count("audit_event where action = 'revocation.link-requested'")).isEqualTo(linksBefore + 1);
        page.checkPage("declarer-perte-envoye");

        // The mailed link (…/portail/revocation#jeton=…) opens the declaration; a link that is not one revokes nothing
        page.open("/portail/revocation#jeton=ceci-n-est-pas-un-jeton").expectHeading("Déclarer la perte ou le vol d'une carte");
        assertThat(page.driver().getCurrentUrl()).endsWith("/portail/#/declarer-perte");
        page.checkPage("lien-revocation");
        page.click(By.cssSelector("button[name='confirmer-revocation']"));
        page.waitForText(By.cssSelector("#confirmer-lien .fr-alert--error"), "n'est pas le bon");
        page.checkPage("lien-revocation-refuse");

        page.open("/portail/#/nulle-part").expectHeading("Page introuvable").checkPage("introuvable");
    }
}
