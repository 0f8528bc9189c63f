package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The mayor of the demo commune (demo login): dashboard, directory search, adding a person (with
 * the server's refusals shown under their fields, in French), correcting them, recording their
 * departure after a confirmation, then logging out. Every page passes axe-core.
 */
class MayorJourneyBrowserTest extends PortalBrowserTest {

    @Test
    void whenTheMayorKeepsTheDirectory_thenEveryStepIsShownInFrench_andTheServerHasIt() {
        page.open("/").expectHeading("Se connecter").checkPage("connexion");
        assertThat(page.text(By.id("connexion-demo"))).contains("Hélène Lefèvre-Saint-Éloi");

        demoLogin("maire");
        assertThat(page.sessionCookie()).containsEntry("secure", true).containsEntry("httpOnly", true)
                .containsEntry("sameSite", "Strict").containsEntry("path", "/");
        page.waitForText(By.cssSelector("main h2"), "Armentières").waitForText(By.cssSelector("main"), "Bienvenue, Hélène Lefèvre-Saint-Éloi");
        page.checkPage("tableau-de-bord");

        page.click(By.cssSelector("#menu a[href='#/annuaire']")).expectHeading("Annuaire");
        page.type("Nom ou prénom", "dubois").click(By.cssSelector("#recherche-annuaire button[type='submit']"));
        page.waitForText(By.id("resultats"), "Dubois Sophie");
        page.checkPage("annuaire");

        page.open("/portail/#/annuaire").expectHeading("Annuaire");
        page.click(By.linkText("Ajouter une personne")).expectHeading("Ajouter une personne");
        page.type("Nom de naissance", "Durand3").type("Prénoms", "Léa").date("Date de naissance", "1985-06-02")
                .type("Lieu de naissance", "Lille (59)");
        page.click(By.cssSelector("#nouvelle-personne button[type='submit']"));
        assertThat(page.fieldError("Nom de naissance")).startsWith("Lettres latines uniquement").endsWith("traits d’union.");
        assertThat(page.fieldError("Adresse électronique")).isEqualTo("Ce champ est obligatoire.");
        assertThat(page.text(By.cssSelector("#nouvelle-personne .fr-alert"))).contains("Corrigez les champs signalés ci-dessous.");
        page.checkPage("ajout-refuse");
        long peopleBefore = count("person");

        page.type("Nom de naissance", "Durand").type("Adresse électronique", "lea.durand@mairie-armentieres.fr")
                .type("Fonction", "Agente d'accueil");
        page.click(By.cssSelector("#nouvelle-personne button[type='submit']"));
        page.expectHeading("Durand Léa").waitForText(By.cssSelector("main"), "La personne a été ajoutée");
        assertThat(count("person")).isEqualTo(peopleBefore + 1);
        page.checkPage("fiche");

        page.type("Fonction", "Officière d'état civil").click(By.cssSelector("#modifier-personne button[type='submit']"));
        page.waitForText(By.id("modifier-personne"), "La fiche a été enregistrée.");
        assertThat(database.sql("select job_title from role_assignment r join person p on p.id = r.person_id"
                        + " where p.birth_name = 'Durand' and r.role = 'agent'")
                .map(row -> row.get("job_title", String.class)).one().block()).isEqualTo("Officière d'état civil");

        page.click(By.cssSelector("button[name='depart']"));
        assertThat(page.text(By.id("confirmation-question"))).contains("Confirmez-vous le départ de Léa Durand");
        page.checkPage("depart-confirmation");
        page.click(By.cssSelector("button[name='confirmer']"));
        page.waitForText(By.cssSelector("main"), "Le départ a été enregistré.");
        assertThat(page.text(By.cssSelector("main dl"))).as("badges are shown in capitals").containsIgnoringCase("Partie");
        assertThat(database.sql("select status from person where birth_name = 'Durand'").map(row -> row.get("status", String.class))
                .one().block()).isEqualTo("departed");
        page.checkPage("depart-fait");

        // A state change of the session without its anti-CSRF token is refused before any handler runs
        assertThat(statusFromPage("POST", "/api/v1/collectivities/00000000-0000-0000-0000-000000000000/people")).isEqualTo(403);

        page.click(By.id("deconnexion")).expectHeading("Se connecter").waitForText(By.cssSelector("main"), "Vous êtes déconnecté");
        assertThat(statusFromPage("GET", "/api/v1/me")).isEqualTo(401);
        page.checkPage("deconnecte");
    }
}
