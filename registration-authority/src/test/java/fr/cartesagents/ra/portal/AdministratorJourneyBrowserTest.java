package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The national administrator logs in by real mutual TLS: their certificate and key are imported in
 * the browser's NSS database, Chromium presents them in the TLS handshake, and the portal opens a
 * session for that certificate. Then conventions, the audit trail (search and chain verification)
 * and the relying applications; every page passes axe-core.
 */
class AdministratorJourneyBrowserTest extends PortalBrowserTest {

    @Override
    protected BrowserHome browserHome(Path parent) {
        return BrowserHome.withClientCertificate(parent, caChain(), dataDirectory().resolve("admin.p12"),
                readString(dataDirectory().resolve("admin.p12.password")), api("/"));
    }

    @Test
    void whenTheAdministratorLogsInWithTheirCertificate_thenTheNationalPagesWork() {
        page.open("/portail/").expectHeading("Se connecter");
        page.click(By.id("connexion-avec-carte")).expectHeading("Tableau de bord");
        page.waitForText(By.cssSelector("[data-utilisateur]"), "Administrateur national");
        assertThat(page.sessionCookie()).containsEntry("httpOnly", true).containsEntry("secure", true);
        assertThat(database.sql("select count(*) as n from portal_session where login_kind = 'card_certificate'")
                .map(row -> row.get("n", Long.class)).one().block()).isGreaterThanOrEqualTo(1);
        page.checkPage("tableau-de-bord");

        page.click(By.cssSelector("#menu a[href='#/conventions']")).expectHeading("Conventions");
        page.waitUntil(driver -> !page.all(By.cssSelector("#resultats-conventions p, #resultats-conventions table")).isEmpty());
        page.checkPage("conventions");

        page.click(By.cssSelector("#menu a[href='#/audit']")).expectHeading("Journal d'audit");
        page.click(By.cssSelector("button[name='verifier']")).waitForText(By.cssSelector("[data-resultat]"), "La chaîne est intacte.");
        page.type("Action", "portal-session.opened").click(By.cssSelector("#recherche-audit button[type='submit']"));
        page.waitForText(By.id("resultats-audit"), "portal-session.opened");
        page.checkPage("audit");

        page.click(By.cssSelector("#menu a[href='#/applications']")).expectHeading("Applications utilisatrices");
        page.waitUntil(driver -> !page.all(By.cssSelector("#applications p, #applications table")).isEmpty());
        page.checkPage("applications");

        page.click(By.id("deconnexion")).expectHeading("Se connecter");
        assertThat(database.sql("select count(*) as n from audit_event where action = 'portal-session.ended'")
                .map(row -> row.get("n", Long.class)).one().block()).isGreaterThanOrEqualTo(1);
    }
}
