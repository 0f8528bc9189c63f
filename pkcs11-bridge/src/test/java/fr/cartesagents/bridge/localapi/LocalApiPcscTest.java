package fr.cartesagents.bridge.localapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import fr.cartesagents.bridge.testsupport.PcscRig;

/**
 * The bridge API on a card in a PC/SC reader, picked with {@code ?reader=}: javax.smartcardio →
 * libpcsclite → pcscd → vpcd → the card simulator, the path of a real reader.
 */
class LocalApiPcscTest {

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    @TempDir
    Path directory;

    @Test
    void whenACardIsInAPcscReader_thenItIsListedReadAndItsPinChanged_withTheTriesLeftTheCardCounts() {
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.empty())) {
            JsonNode pcsc = BridgeApiClient.json(bridge.portal().get("/v1/readers")).get("pcsc");
            assertThat(pcsc.get("available").asBoolean()).as(pcsc.toString()).isTrue();
            JsonNode reader = pcsc.get("readers").valueStream()
                    .filter(each -> each.get("name").asString().equals(rig.readerName())).findFirst().orElseThrow();
            assertThat(reader.get("cardPresent").asBoolean()).isTrue();
            assertThat(reader.get("atr").asString()).isEqualToIgnoringCase(HexFormat.of().formatHex(rig.card().atr()));

            String onReader = "?reader=" + URLEncoder.encode(rig.readerName(), StandardCharsets.UTF_8);
            HttpResponse<String> card = bridge.portal().get("/v1/card" + onReader);
            assertThat(card.statusCode()).as(card.body()).isEqualTo(200);
            JsonNode info = BridgeApiClient.json(card);
            assertThat(info.get("serialNumber").asString()).isEqualTo(rig.card().state().serialNumberHex());
            assertThat(info.get("reader").asString()).isEqualTo(rig.readerName());
            assertThat(info.get("pin").get("triesLeft").asInt()).isEqualTo(3);

            HttpResponse<String> wrong = changePin(bridge, onReader, "0000", "7315");
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(403);
            assertThat(BridgeApiClient.json(wrong).get("triesLeft").asInt()).isEqualTo(2);

            HttpResponse<String> changed = changePin(bridge, onReader, PcscRig.USER_PIN, "7315");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(BridgeApiClient.json(changed).get("pin").get("triesLeft").asInt()).isEqualTo(3);
            assertThat(changePin(bridge, onReader, PcscRig.USER_PIN, "5791").statusCode()).as("the old PIN").isEqualTo(403);
        }
    }

    @Test
    void whenTheReaderIsUnknownOrTwoCardsAreNamed_thenNoReaderOrBadRequest() {
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.empty())) {
            HttpResponse<String> unknown = bridge.portal().get("/v1/card?reader=No%20such%20reader");
            assertThat(unknown.statusCode()).isEqualTo(503);
            assertThat(BridgeApiClient.json(unknown).get("type").asString()).endsWith(":no-reader");
            HttpResponse<String> both = bridge.portal().get("/v1/card?reader=x&token=" + bridge.card().label());
            assertThat(both.statusCode()).isEqualTo(400);
        }
    }

    private static HttpResponse<String> changePin(ServedBridge bridge, String onReader, String current, String replacement) {
        return bridge.portal().post("/v1/card/pin/change" + onReader,
                "{\"currentPin\":\"" + current + "\",\"newPin\":\"" + replacement + "\"}");
    }
}
