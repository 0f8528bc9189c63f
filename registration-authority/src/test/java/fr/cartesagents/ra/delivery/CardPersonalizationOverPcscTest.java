package fr.cartesagents.ra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardInfo;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.personalization.IssuedPair;
import fr.cartesagents.bridge.personalization.OrderPersonalizer;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityClient;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.testsupport.PcscRig;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.json.JsonMapper;

/**
 * The personalization of an order through the PC/SC stack (javax.smartcardio → pcscd → vpcd → the
 * project's card simulator), as a reader on an operator's workstation: the card's ATR travels with
 * its serial and is recorded with the card.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardPersonalizationOverPcscTest extends RunningServer {

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    CardWorld world;
    List<X509CertificateHolder> caChain;

    @BeforeAll
    void world() throws Exception {
        world = CardWorld.create(database, CardWorld.Clients.of(this::cardOf, card -> client(card, CARD_PASSWORD)));
        caChain = PemFiles.readCertificates(dataDirectory().resolve("ca-chain.pem"));
    }

    @Test
    void whenTheOperatorPersonalizesASimulatedCardInAPcscReader_thenTheCardHoldsBothCertificatesAndItsAtrIsRecorded() {
        TestPerson agent = world.newAgent(database, "Sophie", "Dubois-Pcsc");
        HttpResponse<byte[]> created = postJson(world.delegateClient(), api("/api/v1/collectivities/" + world.commune() + "/card-orders"),
                "{\"personId\": \"" + agent.id() + "\", \"reason\": \"initial\"}", newKey());
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        UUID orderId = UUID.fromString(JsonMapper.builder().build().readTree(created.body()).get("id").asString());
        HttpResponse<byte[]> approved = postJson(world.officerClient(), api("/api/v1/card-orders/" + orderId + "/transitions"),
                "{\"action\": \"approve\"}", null);
        assertThat(approved.statusCode()).as(text(approved)).isEqualTo(200);

        RegistrationAuthorityClient operator = RegistrationAuthorityClient.connect(URI.create("https://localhost:" + apiListener.port()),
                world.officerCard(), CARD_PASSWORD.toCharArray(), caChain);
        IssuedPair issued;
        CardInfo info;
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            info = driver.info();
            try (AuthenticatedCard card = driver.authenticate(PcscRig.pin(PcscRig.USER_PIN))) {
                issued = new OrderPersonalizer(operator).personalize(card, orderId, info.serialNumber(), info.atrHex());
            }
        }
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            assertThat(driver.info().certificates().get(KeyRole.AUTHENTICATION)).isEqualTo(issued.authentication());
            assertThat(driver.info().certificates().get(KeyRole.SIGNATURE)).isEqualTo(issued.signature());
        }
        String atr = database.sql("select atr from card where id = :id").bind("id", issued.cardId())
                .map(row -> row.get("atr", String.class)).one().block();
        assertThat(atr).isEqualToIgnoringCase(info.atrHex().orElseThrow());
        assertThat(issued.authentication().getSubject().toString()).contains("SERIALNUMBER=" + agent.holderId());
    }
}
