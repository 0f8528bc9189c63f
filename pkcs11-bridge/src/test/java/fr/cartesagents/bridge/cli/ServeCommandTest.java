package fr.cartesagents.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;

/** {@code cartes-bridge serve}: prints where it listens and the pairing code, serves the card until interrupted. */
class ServeCommandTest {

    private static final String PORTAL = "https://portail.cartes-agents.test";
    private static final Pattern LISTENING = Pattern.compile("à l'écoute sur (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern PAIRING = Pattern.compile("Code d'appairage : ([A-Z0-9]{4}-[A-Z0-9]{4})");

    @TempDir
    Path directory;

    @Test
    void whenServing_thenThePrintedCodePairsThePortal_andTheCardIsServedUntilInterrupted() throws Exception {
        TestCard card = SoftHsmCards.get().newCard("serve");
        PipedReader printed = new PipedReader();
        CommandLine commandLine = BridgeCli.commandLine(System.in);
        commandLine.setOut(new PrintWriter(new PipedWriter(printed), true));
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exitCode.set(commandLine.execute("serve", "--portal-origin", PORTAL, "--port", "0",
                "--token-file", directory.resolve("token").toString(),
                "--pkcs11-module", SoftHsmCards.get().counterModule().toString(), "--token", card.label())), "serve");
        serving.start();
        try {
            BufferedReader lines = new BufferedReader(printed);
            Matcher listening = LISTENING.matcher(lines.readLine());
            assertThat(listening.find()).isTrue();
            Matcher pairing = PAIRING.matcher(lines.readLine());
            assertThat(pairing.find()).isTrue();
            URI base = URI.create(listening.group(1));

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> paired = http.send(HttpRequest.newBuilder(base.resolve("/v1/pairing")).header("Origin", PORTAL)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + pairing.group(1).toLowerCase() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(paired.statusCode()).as(paired.body()).isEqualTo(200);
            String token = JsonMapper.builder().build().readTree(paired.body()).get("token").asString();

            HttpResponse<String> cardInfo = http.send(HttpRequest.newBuilder(base.resolve("/v1/card")).header("Origin", PORTAL)
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cardInfo.statusCode()).as(cardInfo.body()).isEqualTo(200);
            JsonNode info = JsonMapper.builder().build().readTree(cardInfo.body());
            assertThat(info.get("serialNumber").asString()).isEqualTo(card.serialNumber());
        } finally {
            serving.interrupt();
            serving.join();
        }
        assertThat(exitCode.get()).isZero();
    }

    @Test
    void whenThePortalOriginIsAWildcardOrHasAPath_thenExitCodeTwo() {
        for (String origin : new String[] {"*", "https://*.example.fr", "https://portail.example.fr/carte", "portail.example.fr"}) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = BridgeCli.commandLine(System.in);
            commandLine.setErr(new PrintWriter(err, true));
            int exit = commandLine.execute("serve", "--portal-origin", origin, "--port", "0",
                    "--token-file", directory.resolve("token").toString());
            assertThat(exit).as(origin + ": " + err).isEqualTo(2);
            assertThat(err.toString()).contains("origin");
        }
    }
}
