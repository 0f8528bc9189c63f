package fr.cartesagents.bridge.localapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.personalization.CertificateAuthorityIssuer;
import fr.cartesagents.bridge.personalization.Personalizer;
import fr.cartesagents.bridge.testsupport.PcscRig;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.issuance.TestSubjects;
import fr.cartesagents.ca.token.KeySpec;

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

    /**
     * Renewal through the bridge API on the IAS-ECC card (issue 11; it answered 501 before): new keys generated
     * on the card beside the ones in use, then the certificates written in place of the old; the card reads back
     * with the renewed certificates, and a write sent again (lost answer) changes nothing.
     */
    @Test
    void whenTheCardInAPcscReaderIsRenewed_thenItCarriesTheRenewedCertificates() throws Exception {
        String onReader = "?reader=" + URLEncoder.encode(rig.readerName(), StandardCharsets.UTF_8);
        try (TestHierarchy hierarchy = TestHierarchy.create(directory.resolve("ca"), KeySpec.RSA_2048);
                ServedBridge bridge = ServedBridge.start(directory, Optional.empty())) {
            CertificateAuthorityIssuer ca = new CertificateAuthorityIssuer(hierarchy, TestSubjects.marieDupont());
            try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName());
                    AuthenticatedCard card = driver.authenticate(PcscRig.pin(PcscRig.USER_PIN))) {
                new Personalizer(ca).personalize(card, new X500Name("CN=Marie DUPONT"));
            }

            HttpResponse<String> started = bridge.portal().post("/v1/card/renewal" + onReader, "{\"pin\":\"" + PcscRig.USER_PIN + "\"}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            JsonNode requests = BridgeApiClient.json(started);
            String authentication = PemFiles.toPem(ca.issue(csr(requests.get("authenticationCsr").asString()), KeyRole.AUTHENTICATION).get(0));
            String signature = PemFiles.toPem(ca.issue(csr(requests.get("signatureCsr").asString()), KeyRole.SIGNATURE).get(0));
            String certificates = BridgeApiClient.json(bridge.portal().get("/v1/card" + onReader)).get("certificates").toString();
            String body = JsonMapper.builder().build().writeValueAsString(Map.of("pin",
                    PcscRig.USER_PIN, "authenticationCertificatePem", authentication, "signatureCertificatePem", signature));

            HttpResponse<String> written = bridge.portal().post("/v1/card/renewal/certificates" + onReader, body);
            assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
            HttpResponse<String> again = bridge.portal().post("/v1/card/renewal/certificates" + onReader, body);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
                assertThat(PemFiles.toPem(driver.info().certificates().get(KeyRole.AUTHENTICATION))).isEqualTo(authentication);
                assertThat(PemFiles.toPem(driver.info().certificates().get(KeyRole.SIGNATURE))).isEqualTo(signature);
            }
            assertThat(BridgeApiClient.json(again).get("certificates").toString()).isNotEqualTo(certificates);
        }
    }

    private static PKCS10CertificationRequest csr(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return (PKCS10CertificationRequest) parser.readObject();
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
