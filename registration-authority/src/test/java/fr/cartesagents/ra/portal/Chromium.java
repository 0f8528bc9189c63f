package fr.cartesagents.ra.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import fr.cartesagents.ca.testutil.RequiredTool;

/**
 * The Debian Chromium and its chromedriver, headless, never a downloaded browser: a fresh profile
 * and a fresh {@code $HOME} per browser (where {@code ~/.pki/nssdb}, Chromium's certificate store
 * on Linux, holds the client certificates of {@link ClientCertificates}).
 */
final class Chromium {

    static final RequiredTool BROWSER = new RequiredTool("Chromium", "chromium",
            List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/lib/chromium/chromium")));
    static final RequiredTool DRIVER = new RequiredTool("chromedriver", "chromium-driver",
            List.of(Path.of("/usr/bin/chromedriver"), Path.of("/usr/lib/chromium/chromedriver")));

    private Chromium() {
    }

    /** A headless browser whose home is {@code home} (created if need be). */
    static ChromeDriver start(Path home) {
        Path browser = BROWSER.require();
        Path driver = DRIVER.require();
        try {
            Files.createDirectories(home);
            Path profile = Files.createTempDirectory(home, "profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(browser.toFile());
            List<String> arguments = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-default-apps", "--window-size=1280,1024", "--lang=fr-FR", "--user-data-dir=" + profile));
            options.addArguments(arguments);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driver.toFile())
                    .usingAnyFreePort()
                    .withEnvironment(Map.of("HOME", home.toString()))
                    .withLogOutput(Files.newOutputStream(home.resolve("chromedriver.log")))
                    .build();
            ChromeDriver chrome = new ChromeDriver(service, options);
            chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return chrome;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (var in = Optional.ofNullable(Chromium.class.getResourceAsStream(name))
                .orElseThrow(() -> new IllegalStateException("Missing test resource " + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
