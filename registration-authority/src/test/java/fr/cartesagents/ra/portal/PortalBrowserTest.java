package fr.cartesagents.ra.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.localapi.LocalApiServer;
import fr.cartesagents.bridge.localapi.LocalApiSettings;
import fr.cartesagents.bridge.localapi.WorkstationCards;
import fr.cartesagents.bridge.personalization.Personalizer;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestCards;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;

/**
 * A journey through the portal in headless Chromium against the whole server (one server for
 * every journey class, as Spring caches the context; one browser per class).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PortalBrowserTest extends RunningServer {

    private static final Path BROWSERS = Path.of("target", "portal-browsers").toAbsolutePath();

    protected PortalPage page;
    private BrowserHome home;

    @BeforeAll
    void startBrowser() {
        Chromium.BROWSER.require();
        Chromium.DRIVER.require();
        BrowserHome.CERTUTIL.require();
        try {
            Files.createDirectories(BROWSERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        home = browserHome(BROWSERS);
        page = new PortalPage(Chromium.start(home.path()), api("/"), getClass().getSimpleName());
    }

    /** The browser's home: trusts our CA, presents no certificate unless a journey says otherwise. */
    protected BrowserHome browserHome(Path parent) {
        return BrowserHome.trusting(parent, caChain());
    }

    protected Path caChain() {
        return dataDirectory().resolve("ca-chain.pem");
    }

    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher keepFailures = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            if (page != null) {
                page.keepFailure();
            }
        }
    };

    @AfterAll
    void stopBrowser() {
        if (page != null) {
            page.close();
        }
        if (home != null) {
            home.close();
        }
    }

    /** Logs in on the demo login page as {@code user} (maire, delegue, agent, officier, auditeur). */
    protected void demoLogin(String user) {
        page.open("/portail/#/connexion").expectHeading("Se connecter");
        page.click(org.openqa.selenium.By.cssSelector("label[for='demo-" + user + "']"));
        page.click(org.openqa.selenium.By.cssSelector("#connexion-demo button[type='submit']"));
        page.expectHeading("Tableau de bord");
    }

    /** Orders need an active CARTES convention (Art. III): the demo commune has none of its own. */
    protected void activeCartesConvention(java.util.UUID commune) {
        long active = database.sql("select count(*) as n from convention c join convention_party p on p.convention_id = c.id"
                        + " where p.collectivity_id = :commune and c.kind = 'cartes' and c.state = 'active'")
                .bind("commune", commune).map(row -> row.get("n", Long.class)).one().block();
        if (active == 0) {
            java.util.UUID convention = java.util.UUID.randomUUID();
            database.sql("insert into convention (id, kind, state, signed_on, activated_on) values (:id, 'cartes', 'active', :today, :today)")
                    .bind("id", convention).bind("today", java.time.LocalDate.now()).then().block();
            database.sql("insert into convention_party (convention_id, collectivity_id) values (:id, :commune)")
                    .bind("id", convention).bind("commune", commune).then().block();
        }
    }

    /** A real bridge (its localhost API) on this workstation, serving {@code card} to this portal's origin. */
    protected LocalApiServer startBridge(TestCard card) throws IOException {
        Path bridgeHome = Files.createTempDirectory(dataDirectory(), "bridge-");
        LocalApiSettings settings = new LocalApiSettings(0, java.util.Set.of("https://localhost:" + api("/").getPort()),
                LocalApiSettings.DEFAULT_MAX_REQUEST_BYTES, bridgeHome.resolve("pairing-token"));
        return LocalApiServer.start(settings, new WorkstationCards(
                SoftHsmCards.get().counterModule(), card::driver), java.util.Optional.empty());
    }

    /** "Ma carte" opened from the menu, this browser paired with {@code bridge}, and {@code card} read through it. */
    protected void openMyCardPaired(LocalApiServer bridge, TestCard card) {
        page.click(org.openqa.selenium.By.cssSelector("#menu a[href='#/ma-carte']")).expectHeading("Ma carte");
        page.waitForText(org.openqa.selenium.By.id("titre-cartes-serveur"), "Mes cartes");
        page.type("Code d'appairage", bridge.pairingCode()).type("Port du logiciel", String.valueOf(bridge.baseUri().getPort()));
        page.click(org.openqa.selenium.By.cssSelector("#appairage button[type='submit']"));
        page.waitForText(org.openqa.selenium.By.id("carte-lue"), card.serialNumber());
    }

    /**
     * Personalizes {@code card} as the personalization does: key pairs made on the card, certified by
     * the server's CA for {@code holder}, written next to their keys. The certificates now on the card.
     */
    protected static Map<KeyRole, X509CertificateHolder> personalizeOnCard(TestCards testCards, TestPerson holder, TestCard card) {
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(TestCard.userPin())) {
            new Personalizer((request, role) -> {
                try {
                    String serial = testCards.issue(holder, role == KeyRole.AUTHENTICATION ? "authentication" : "signature",
                            PemFiles.toPem("CERTIFICATE REQUEST", request.getEncoded()));
                    return PemFiles.parseCertificates(testCards.certificatePem(serial));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).personalize(authenticated, new X500Name("CN=ignored"));
        }
        return certificatesOn(card);
    }

    /** The certificates on {@code card}, by the key they certify. */
    protected static Map<KeyRole, X509CertificateHolder> certificatesOn(TestCard card) {
        try (Pkcs11CardDriver driver = card.driver()) {
            return Map.copyOf(driver.info().certificates());
        }
    }

    /** The certificate's serial as the server writes it. */
    protected String storedSerial(X509CertificateHolder certificate) {
        String serial = certificate.getSerialNumber().toString(16);
        String stored = database.sql("select serial from certificate where lower(ltrim(serial, '0')) = :serial")
                .bind("serial", serial).map(row -> row.get("serial", String.class)).one().block();
        return stored == null ? serial : stored;
    }

    /** The one value of a one-row, one-column query. */
    protected java.util.UUID uuid(String sql) {
        return database.sql(sql).map(row -> row.get(0, java.util.UUID.class)).one().block();
    }

    /** What the page's own script gets for {@code GET path}: the status, with the session it has. */
    protected long statusFromPage(String method, String path) {
        Object status = ((org.openqa.selenium.JavascriptExecutor) page.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[1], {method: arguments[0], headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},"
                        + " body: arguments[0] === 'GET' ? undefined : '{}'}).then(r => done(r.status)).catch(e => done(-1));",
                method, path);
        return ((Number) status).longValue();
    }
}
