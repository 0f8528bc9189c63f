package fr.cartesagents.ra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One headless browser on the portal, with what every journey does: open a view, wait for its
 * heading, fill and submit forms, keep a screenshot of each page under
 * {@code target/portal-screenshots/<journey>/}, and check each page with axe-core (no serious or
 * critical violation; the others are written beside the screenshots).
 */
final class PortalPage implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");
    private static final String AXE = Chromium.resource("/axe/axe.min.js");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChromeDriver browser;
    private final URI base;
    private final Path artifacts;
    private int shots;

    PortalPage(ChromeDriver browser, URI base, String journey) {
        this.browser = browser;
        this.base = base;
        this.artifacts = SCREENSHOTS.resolve(journey);
        try {
            Files.createDirectories(artifacts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return browser;
    }

    /** Opens {@code path} (e.g. {@code /portail/#/annuaire}) and waits for the view's heading. */
    PortalPage open(String path) {
        browser.get(base.resolve(path).toString());
        return this;
    }

    /** Waits until the view's main heading reads {@code heading}. */
    PortalPage expectHeading(String heading) {
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), heading));
        return this;
    }

    WebElement find(By by) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
    }

    List<WebElement> all(By by) {
        return browser.findElements(by);
    }

    PortalPage click(By by) {
        waitUntil(ExpectedConditions.elementToBeClickable(by)).click();
        return this;
    }

    /** Types into the field whose label starts with {@code label} (the label tied to it, as people see it). */
    PortalPage type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        if (!text.isEmpty()) {
            input.sendKeys(text);
        }
        return this;
    }

    /** A date input takes the date as the browser's own format: set it by script, as a person's picker would. */
    PortalPage date(String label, String isoDate) {
        WebElement input = field(label);
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", input, isoDate);
        return this;
    }

    WebElement field(String label) {
        WebElement tag = find(By.xpath("//main//label[starts-with(normalize-space(.), " + xpathLiteral(label) + ")]"));
        return browser.findElement(By.id(tag.getAttribute("for")));
    }

    /** The error shown under the field labelled {@code label}: the element its aria-describedby names. */
    String fieldError(String label) {
        WebElement input = field(label);
        waitUntil(driver -> "true".equals(input.getAttribute("aria-invalid")));
        return browser.findElement(By.id(input.getAttribute("aria-describedby"))).getText();
    }

    String text(By by) {
        return find(by).getText();
    }

    PortalPage waitForText(By by, String text) {
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return this;
    }

    <T> T waitUntil(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
    }

    /** Keeps what the page showed when a journey failed: screenshot and the main element's HTML. */
    void keepFailure() {
        try {
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), artifacts.resolve("failure.png"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(artifacts.resolve("failure.html"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
        } catch (IOException | RuntimeException e) {
            // the browser may be gone: the test's own failure is what matters
        }
    }

    /** Keeps a screenshot of the page and checks it with axe-core: fails on a serious or critical violation. */
    PortalPage checkPage(String name) {
        String file = "%02d-%s".formatted(++shots, name);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        try {
            Files.copy(shot, artifacts.resolve(file + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavascriptExecutor script = browser;
        script.executeScript(AXE);
        Object result = script.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
                   .then(results => done(JSON.stringify(results.violations)))
                   .catch(error => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}])));
                """);
        JsonNode violations = JSON.readTree((String) result);
        try {
            Files.writeString(artifacts.resolve(file + "-axe.json"), violations.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> blocking = violations.valueStream()
                .filter(violation -> List.of("serious", "critical").contains(violation.path("impact").asString("")))
                .map(violation -> violation.path("id").asString() + " (" + violation.path("impact").asString() + "): "
                        + violation.path("help").asString() + " — " + violation.path("nodes").valueStream()
                        .map(node -> node.path("target").toString()).toList())
                .toList();
        assertThat(blocking).as("axe-core on %s (%s)", name, browser.getCurrentUrl()).isEmpty();
        return this;
    }

    Map<String, Object> sessionCookie() {
        var cookie = browser.manage().getCookieNamed("__Host-cartes-session");
        return cookie == null ? Map.of() : Map.of("secure", cookie.isSecure(), "httpOnly", cookie.isHttpOnly(),
                "sameSite", String.valueOf(cookie.getSameSite()), "path", cookie.getPath());
    }

    private static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        browser.quit();
    }
}
