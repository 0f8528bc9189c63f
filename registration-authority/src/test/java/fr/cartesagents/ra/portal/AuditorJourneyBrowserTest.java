package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The auditor (demo login): reads the conventions, searches the directory everywhere they may
 * read, verifies the audit chain; the pages of a national administrator's writes are not in their
 * menu, and the server refuses them. Every page passes axe-core.
 */
class AuditorJourneyBrowserTest extends PortalBrowserTest {

    @Test
    void whenTheAuditorReads_thenTheNationalReadingPagesWork_andNoWritingPageIsOffered() {
        demoLogin("auditeur");
        page.checkPage("tableau-de-bord");
        assertThat(page.all(By.cssSelector("#menu a[href='#/applications']"))).isEmpty();
        assertThat(page.all(By.cssSelector("#menu a[href='#/ma-carte']"))).hasSize(1);

        page.click(By.cssSelector("#menu a[href='#/annuaire']")).expectHeading("Annuaire");
        page.type("Nom ou prénom", "dubois").click(By.cssSelector("#recherche-annuaire button[type='submit']"));
        page.waitForText(By.id("resultats"), "Dubois Sophie");
        assertThat(page.all(By.linkText("Ajouter une personne"))).isEmpty();
        page.checkPage("annuaire");

        page.click(By.cssSelector("#menu a[href='#/audit']")).expectHeading("Journal d'audit");
        page.click(By.cssSelector("button[name='verifier']")).waitForText(By.cssSelector("[data-resultat]"), "La chaîne est intacte.");
        page.checkPage("audit");

        page.click(By.cssSelector("#menu a[href='#/conformite']")).expectHeading("Conformité des collectivités");
        page.type("Nom de la collectivité", "armenti").click(By.cssSelector("#chercher-collectivite button[type='submit']"));
        page.click(By.xpath("//div[@id='collectivites']//button[starts-with(normalize-space(.), 'Armentières')]"));
        page.waitForText(By.id("conformite"), "Mesures du Guide SSI");
        page.checkPage("conformite");

        page.open("/portail/#/applications").expectHeading("Accès non autorisé").checkPage("interdit");
        assertThat(statusFromPage("GET", "/api/v1/admin/relying-applications")).isEqualTo(403);
    }
}
