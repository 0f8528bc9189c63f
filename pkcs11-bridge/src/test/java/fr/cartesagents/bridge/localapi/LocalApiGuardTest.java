package fr.cartesagents.bridge.localapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** Who may call the bridge API: Host, Origin and CORS, the pairing token, JSON only, bounded bodies. */
class LocalApiGuardTest {

    @TempDir
    Path directory;

    private ServedBridge bridge;

    @BeforeEach
    void serve() {
        bridge = ServedBridge.start(directory, Optional.empty());
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void whenStarted_thenItListensOn127001Only_andTheTokenFileIsTheOwnersOnly() throws Exception {
        assertThat(bridge.server().baseUri().getHost()).isEqualTo("127.0.0.1");
        Path tokenFile = directory.resolve("config/token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        assertThat(Files.readString(tokenFile).strip()).isEqualTo(bridge.portal().token()).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void whenNoTokenOrAWrongOne_then401WithAProblem() {
        BridgeApiClient unpaired = bridge.portal().withToken(null);
        HttpResponse<String> none = unpaired.get("/v1/card");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"cartes-bridge\"");
        assertThat(BridgeApiClient.json(none).get("type").asString()).isEqualTo("urn:cartes-agents:bridge:problem:unauthorized");
        assertThat(bridge.portal().withToken(bridge.portal().token() + "x").get("/v1/readers").statusCode()).isEqualTo(401);
        assertThat(bridge.portal().withToken("").post("/v1/card/pin/change", "{}").statusCode()).isEqualTo(401);
        assertThat(unpaired.get("/v1/status").statusCode()).isEqualTo(200);
    }

    @Test
    void whenAnotherOrigin_then403WithoutAnyCorsHeader() {
        for (String origin : new String[] {"https://evil.example", "null", ServedBridge.PORTAL + ":8443", "http://portail.cartes-agents.test"}) {
            HttpResponse<String> response = bridge.portal().withOrigin(origin).get("/v1/card");
            assertThat(response.statusCode()).as(origin).isEqualTo(403);
            assertThat(BridgeApiClient.json(response).get("type").asString()).endsWith(":forbidden-origin");
            assertThat(response.headers().map().keySet()).as(origin).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
        HttpResponse<String> portal = bridge.portal().get("/v1/card");
        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(portal.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ServedBridge.PORTAL);
    }

    @Test
    void whenPreflightFromThePortal_thenMethodsAndHeadersAreAllowed_butNotForAnotherOrigin() {
        HttpRequest preflight = bridge.portal().withToken(null).request("/v1/card/pin/change")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .header("Access-Control-Request-Private-Network", "true").build();
        HttpResponse<String> allowed = bridge.portal().send(preflight);
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ServedBridge.PORTAL);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization", "Content-Type");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Private-Network")).hasValue("true");
        assertThat(allowed.headers().allValues("Access-Control-Allow-Origin")).doesNotContain("*");

        HttpResponse<String> refused = bridge.portal().withOrigin("https://evil.example").send(
                bridge.portal().withOrigin("https://evil.example").request("/v1/card/pin/change")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Access-Control-Request-Method", "POST").build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void whenTheHostIsNotTheBridge_then421_asAgainstDnsRebinding() throws Exception {
        int port = bridge.server().port();
        assertThat(rawGet(port, "rebound.evil.example:" + port)).startsWith("HTTP/1.1 421");
        assertThat(rawGet(port, "127.0.0.1:" + (port + 1))).startsWith("HTTP/1.1 421");
        assertThat(rawGet(port, "localhost:" + port)).startsWith("HTTP/1.1 200");
        assertThat(rawGet(port, "127.0.0.1:" + port)).startsWith("HTTP/1.1 200");
    }

    @Test
    void whenTheBodyIsNotJsonOrTooLarge_then415And413() {
        HttpResponse<String> form = bridge.portal().send(bridge.portal().request("/v1/card/pin/change")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("currentPin=2468&newPin=7315")).build());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(BridgeApiClient.json(form).get("type").asString()).endsWith(":unsupported-media-type");
        HttpResponse<String> text = bridge.portal().send(bridge.portal().request("/v1/card/signature")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(text.statusCode()).isEqualTo(415);

        HttpResponse<String> large = bridge.portal().post("/v1/card/signature",
                "{\"dataBase64\":\"" + "A".repeat(70 * 1024) + "\"}");
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(bridge.portal().post("/v1/card/signature", "{\"pin\":").statusCode()).isEqualTo(400);
        assertThat(bridge.portal().post("/v1/card/signature", "{\"pin\":\"2468\",\"surprise\":1}").statusCode()).isEqualTo(400);
        assertThat(bridge.portal().get("/v1/nothing-here").statusCode()).isEqualTo(404);
        assertThat(bridge.portal().get("/v1/card/pin/change").statusCode()).isEqualTo(405);
    }

    @Test
    void whenPairing_thenOnlyTheRightCodeOnceFromThePortalGivesTheToken() {
        BridgeApiClient page = BridgeApiClient.of(bridge.server(), ServedBridge.PORTAL);
        // ServedBridge already used the code of this start
        HttpResponse<String> again = page.post("/v1/pairing", "{\"code\":\"" + bridge.server().pairingCode() + "\"}");
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(BridgeApiClient.json(again).get("type").asString()).endsWith(":pairing-closed");
    }

    @Test
    void whenPairingCodeIsGuessed_thenFiveWrongTriesCloseIt_andPairingNeedsThePortalOrigin() throws Exception {
        Path otherDirectory = Files.createDirectories(directory.resolve("second"));
        LocalApiSettings settings = new LocalApiSettings(0, java.util.Set.of(ServedBridge.PORTAL), 4096, otherDirectory.resolve("token"));
        try (LocalApiServer server = LocalApiServer.start(settings,
                new WorkstationCards(fr.cartesagents.bridge.pkcs11.SoftHsmCards.get().counterModule(), bridge.card()::driver),
                Optional.empty())) {
            String body = "{\"code\":\"" + server.pairingCode() + "\"}";
            BridgeApiClient noOrigin = BridgeApiClient.of(server, null);
            assertThat(noOrigin.post("/v1/pairing", body).statusCode()).isEqualTo(403);
            BridgeApiClient page = BridgeApiClient.of(server, ServedBridge.PORTAL);
            for (int i = 0; i < PairingCode.MAX_WRONG_TRIES; i++) {
                HttpResponse<String> wrong = page.post("/v1/pairing", "{\"code\":\"AAAA-AAAA\"}");
                assertThat(wrong.statusCode()).isEqualTo(403);
                assertThat(BridgeApiClient.json(wrong).get("type").asString()).endsWith(":pairing-refused");
            }
            assertThat(page.post("/v1/pairing", body).statusCode()).isEqualTo(410);
        }
    }

    @Test
    void whenAcceptLanguage_thenProblemsInFrenchOrEnglish() {
        BridgeApiClient unpaired = bridge.portal().withToken(null);
        JsonNode french = BridgeApiClient.json(unpaired.send(unpaired.request("/v1/card")
                .header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.8").build()));
        assertThat(french.get("title").asString()).isEqualTo("Pont non appairé");
        assertThat(french.get("status").asInt()).isEqualTo(401);
        JsonNode english = BridgeApiClient.json(unpaired.send(unpaired.request("/v1/card")
                .header("Accept-Language", "en-GB,en;q=0.9").build()));
        assertThat(english.get("title").asString()).isEqualTo("Bridge not paired");
        assertThat(english.get("detail").asString()).contains("Authorization: Bearer");
    }

    private static String rawGet(int port, String host) throws Exception {
        try (Socket socket = new Socket(LocalApiServer.loopback(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/status HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
