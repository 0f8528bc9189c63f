package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The delegate (responsable cartes) of the demo commune: a habilitation the rules refuse (COMEDEC
 * "officier" without the civil-status delegation: the server's reason is shown in French), one
 * granted then withdrawn after a confirmation, and the Guide SSI questionnaire answered. Every page
 * passes axe-core.
 */
class DelegateJourneyBrowserTest extends PortalBrowserTest {

    @Test
    void whenTheDelegateManagesHabilitationsAndTheQuestionnaire_thenTheRulesAreExplained_andTheAnswersKept() {
        demoLogin("delegue");
        page.click(By.cssSelector("#menu a[href='#/habilitations']")).expectHeading("Habilitations");
        page.waitUntil(driver -> !page.all(By.id("titre-actives")).isEmpty());
        page.checkPage("habilitations");

        new Select(page.field("Personne")).selectByVisibleText("Sophie Dubois");
        new Select(page.field("Application")).selectByValue("comedec");
        new Select(page.field("Niveau")).selectByValue("officier");
        page.click(By.cssSelector("#accorder-habilitation button[type='submit']"));
        String refusal = page.text(By.cssSelector("#accorder-habilitation .fr-alert--error"));
        assertThat(refusal).contains("L'action n'a pas abouti").containsIgnoringCase("officier");
        page.checkPage("habilitation-refusee");
        long before = countActive();

        new Select(page.field("Niveau")).selectByValue("agent");
        page.click(By.cssSelector("#accorder-habilitation button[type='submit']"));
        page.waitForText(By.id("accorder-habilitation"), "L'habilitation est accordée.");
        page.waitForText(By.cssSelector("main section"), "Sophie Dubois");
        assertThat(countActive()).isEqualTo(before + 1);

        page.click(By.xpath("//main//table//button[normalize-space(.)='Retirer']"));
        page.waitForText(By.id("confirmation-question"), "COMEDEC");
        page.checkPage("retrait-confirmation");
        page.click(By.cssSelector("button[name='confirmer']"));
        page.waitForText(By.cssSelector("main"), "L'habilitation est retirée.");
        assertThat(countActive()).isEqualTo(before);

        page.click(By.cssSelector("#menu a[href='#/convention']")).expectHeading("Convention et sécurité");
        page.waitUntil(driver -> !page.all(By.id("questionnaire")).isEmpty());
        page.click(By.cssSelector("label[for='point-1.1-true']"));
        page.click(By.cssSelector("#questionnaire button[type='submit']"));
        page.waitForText(By.id("questionnaire"), "Vos réponses sont enregistrées");
        assertThat(database.sql("select count(*) as n from audit_event where action = 'compliance.questionnaire-answered'")
                .map(row -> row.get("n", Long.class)).one().block()).isPositive();
        page.checkPage("questionnaire");
    }

    private long countActive() {
        return database.sql("select count(*) as n from habilitation h join person p on p.id = h.person_id"
                        + " where p.birth_name = 'Dubois' and h.application = 'comedec' and h.status = 'active'")
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
