package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestCards;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mayor of the demo commune and its cards: a replacement card ordered for an agent (charged,
 * so on the billing statement), the dashboard's card figures as the server counts them (an agent's
 * card whose unblock was asked among the blocked ones, listed with its holder; each figure the list's total under a
 * server-side filter, not what a page of cards holds), the
 * delegate's request to habilitate themselves approved (four eyes), the billing statement and its
 * CSV downloaded as a file, and the order cancelled from the commune's list. Every page passes
 * axe-core.
 */
class MayorCardsBrowserTest extends PortalBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    CardTransitions cardTransitions;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void whenTheMayorOrdersApprovesAndReadsTheBill_thenThePagesShowWhatTheServerHas() throws Exception {
        UUID commune = uuid("select id from collectivity where insee_code = '59017'");
        activeCartesConvention(commune);
        TestPerson agent = directory().person("Léon", "Moreau");
        directory().assign(agent, Role.AGENT, commune);
        // Léon already had his free card: the replacement after a loss is charged (annex 1)
        TestCards.TestCard leonsCard = new TestCards(this, database, cardTransitions, transactions).personalize(agent, commune);
        // Léon's card is in use and its PIN blocked: an unblock is asked for it (how the server learns it)
        transactions.transactional(cardTransitions.move(new Actor("test-hand-over", Optional.empty(), Set.of(), "test", Optional.empty()),
                leonsCard.id(), CardAction.DELIVER, Optional.empty(), Map.of())).block();
        HttpResponse<byte[]> unblockAsked = send(anonymousClient(), HttpRequest.newBuilder(
                        api("/api/v1/cards/" + leonsCard.id() + "/unblock-requests"))
                .header("Authorization", "Bearer " + demoToken("maire")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(unblockAsked.statusCode()).as(text(unblockAsked)).isEqualTo(202);
        // Inès's card is in use too, and ends within 30 days: each figure is the server's total, not what one page read
        TestPerson ines = directory().person("Inès", "Garnier");
        directory().assign(ines, Role.AGENT, commune);
        TestCards.TestCard inesCard = new TestCards(this, database, cardTransitions, transactions).personalize(ines, commune);
        transactions.transactional(cardTransitions.move(new Actor("test-hand-over", Optional.empty(), Set.of(), "test", Optional.empty()),
                inesCard.id(), CardAction.DELIVER, Optional.empty(), Map.of())).block();
        database.sql("update card set expires_at = now() + interval '10 days' where id = :id").bind("id", inesCard.id()).then().block();
        UUID delegate = uuid("select id from person where holder_id = 'DEMO-59017-DELEGUE'");
        // The delegate asks for a habilitation of their own: it waits for another manager
        HttpResponse<byte[]> asked = send(anonymousClient(), HttpRequest.newBuilder(
                        api("/api/v1/collectivities/" + commune + "/habilitations"))
                .header("Authorization", "Bearer " + demoToken("delegue")).header("Content-Type", "application/json")
                .header("Idempotency-Key", newKey())
                .POST(HttpRequest.BodyPublishers.ofString("{\"personId\": \"" + delegate + "\", \"application\": \"comedec\","
                        + " \"level\": \"agent\"}")).build());
        assertThat(asked.statusCode()).as(text(asked)).isEqualTo(202);

        demoLogin("maire");
        page.click(By.cssSelector("#menu a[href='#/commandes']")).expectHeading("Commandes de cartes");
        page.waitUntil(driver -> !page.all(By.id("titre-commandes-commune")).isEmpty());
        new Select(page.field("Personne")).selectByVisibleText("Léon Moreau");
        new Select(page.field("Motif")).selectByValue("loss");
        page.click(By.cssSelector("#commander-carte button[type='submit']"));
        page.waitForText(By.id("commander-carte"), "La commande est enregistrée");
        page.waitForText(By.id("commandes-commune"), "Léon Moreau");
        UUID order = uuid("select id from card_order where person_id = '" + agent.id() + "' and state = 'requested'");
        assertThat(count("billing_line where order_id = '" + order + "'")).as("the loss is charged").isEqualTo(1);
        page.checkPage("commande");

        page.click(By.cssSelector("#menu a[href='#/']")).expectHeading("Tableau de bord");
        long inProgress = count("card_order where collectivity_id = '" + commune + "' and state in ('requested', 'approved', 'personalized')");
        // Badges are written in capitals by the design system: the words are compared, not their case
        page.waitUntil(driver -> page.text(By.cssSelector("#chiffres-cartes-" + commune + " [data-chiffre='commandes']"))
                .equalsIgnoreCase("Commandes en cours : " + inProgress));
        long revoked = count("card where collectivity_id = '" + commune + "' and state = 'revoked'");
        assertThat(page.text(By.cssSelector("#chiffres-cartes-" + commune + " [data-chiffre='revoquees']")))
                .isEqualToIgnoringCase("Cartes révoquées : " + revoked);
        long blocked = count("card where collectivity_id = '" + commune + "' and state in ('delivered', 'active')"
                + " and pin_blocked_since is not null");
        assertThat(blocked).isPositive();
        assertThat(page.text(By.cssSelector("#chiffres-cartes-" + commune + " [data-chiffre='bloquees']")))
                .isEqualToIgnoringCase("Cartes bloquées : " + blocked);
        assertThat(page.text(By.id("cartes-bloquees-" + commune))).contains("Léon Moreau").contains(leonsCard.cardSerial());
        String inUse = "card where collectivity_id = '" + commune + "' and state in ('delivered', 'active')";
        assertThat(count(inUse)).as("more cards than the one item each count reads").isGreaterThan(1);
        assertThat(page.text(By.cssSelector("#chiffres-cartes-" + commune + " [data-chiffre='en-service']")))
                .isEqualToIgnoringCase("Cartes en service : " + count(inUse));
        long within30 = count(inUse + " and expires_at < (((now() at time zone 'Europe/Paris')::date + 30)::timestamp"
                + " at time zone 'Europe/Paris')");
        assertThat(within30).isPositive();
        assertThat(page.text(By.cssSelector("#chiffres-cartes-" + commune + " [data-chiffre='expirent-30']")))
                .isEqualToIgnoringCase("Expirent d'ici 30 jours : " + within30);
        page.checkPage("tableau-de-bord-cartes");

        page.click(By.cssSelector("#menu a[href='#/habilitations']")).expectHeading("Habilitations");
        page.waitForText(By.id("demandes-habilitation"), "Karim N'Diaye");
        page.checkPage("demandes-habilitation");
        UUID request = uuid("select id from habilitation_request where person_id = '" + delegate + "' and status = 'pending'");
        page.click(By.cssSelector("button[name='approuver-" + request + "']"));
        page.waitForText(By.id("demandes-habilitation"), "La demande est approuvée");
        assertThat(count("habilitation where person_id = '" + delegate + "' and application = 'comedec' and status = 'active'"))
                .isEqualTo(1);

        Path downloads = Files.createTempDirectory(dataDirectory(), "telechargements-");
        ((ChromeDriver) page.driver()).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        page.click(By.cssSelector("#menu a[href='#/facturation']")).expectHeading("Relevé de facturation");
        page.waitForText(By.id("releve"), "Carte : Remplacement (perte)");
        page.waitForText(By.id("releve"), order.toString());
        assertThat(page.text(By.id("total"))).startsWith("Total HT : ").endsWith(" €");
        page.checkPage("facturation");
        page.click(By.cssSelector("button[name='telecharger-csv']"));
        Path csv = page.waitUntil(driver -> {
            try (var files = Files.list(downloads)) {
                return files.filter(file -> file.getFileName().toString().matches("facturation-.*\\.csv")).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).startsWith("date;article;commande;montant_ht_centimes;montant_ht_eur")
                .contains(order.toString());

        page.click(By.cssSelector("#menu a[href='#/commandes']")).expectHeading("Commandes de cartes");
        page.click(By.cssSelector("button[name='annuler-" + order + "']"));
        page.waitForText(By.id("commandes-commune"), "La commande est annulée.");
        assertThat(database.sql("select state from card_order where id = :id").bind("id", order)
                .map(row -> row.get("state", String.class)).one().block()).isEqualTo("cancelled");
        page.checkPage("commande-annulee");
    }

    private String demoToken(String user) {
        HttpResponse<byte[]> login = postJson(anonymousClient(), api("/api/v1/demo/login"), "{\"user\": \"" + user + "\"}", null);
        assertThat(login.statusCode()).as(text(login)).isEqualTo(200);
        return JSON.readTree(login.body()).get("token").asString();
    }
}
