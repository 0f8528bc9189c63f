package fr.cartesagents.ra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardInfo;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.personalization.CardRenewer;
import fr.cartesagents.bridge.personalization.IssuedPair;
import fr.cartesagents.bridge.personalization.OrderPersonalizer;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityClient;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.testsupport.OpenSc;
import fr.cartesagents.bridge.testsupport.PcscRig;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.SignatureAlgorithm;
import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The personalization of an order through the PC/SC stack (javax.smartcardio → pcscd → vpcd → the
 * project's card simulator), as a reader on an operator's workstation: the card's ATR travels with
 * its serial and is recorded with the card; and the holder's renewal of that card's certificates on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardPersonalizationOverPcscTest extends RunningServer {

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    @Autowired
    CardTransitions cardTransitions;

    @Autowired
    TransactionalOperator transactions;

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
        CardInfo info;
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            info = driver.info();
        }
        IssuedPair issued = personalizeInTheReader(agent);
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            assertThat(driver.info().certificates().get(KeyRole.AUTHENTICATION)).isEqualTo(issued.authentication());
            assertThat(driver.info().certificates().get(KeyRole.SIGNATURE)).isEqualTo(issued.signature());
        }
        String atr = database.sql("select atr from card where id = :id").bind("id", issued.cardId())
                .map(row -> row.get("atr", String.class)).one().block();
        assertThat(atr).isEqualToIgnoringCase(info.atrHex().orElseThrow());
        assertThat(issued.authentication().getSubject().toString()).contains("SERIALNUMBER=" + agent.holderId());
    }

    /**
     * Renewal over PC/SC (issue 11), as {@code HolderRenewalBrowserTest} does on a SoftHSM2 card: the bridge's
     * IAS-ECC driver generates two new key pairs on the simulated card and signs their requests on it; the
     * server certifies them ({@code POST /api/v1/cards/{cardId}/renewal}, sent twice with one Idempotency-Key
     * as after a lost answer: the same certificates); the bridge writes them in place of the old, which
     * the server has revoked as superseded; OpenSC reads the renewed certificates from the card.
     */
    @Test
    void whenTheHolderRenewsTheSimulatedCardOverPcsc_thenTheCardCarriesTheServersNewCertificates() throws Exception {
        TestPerson agent = world.newAgent(database, "Rémi", "Renouvelé-Pcsc");
        IssuedPair issued = personalizeInTheReader(agent);
        Actor office = new Actor("test-hand-over", Optional.empty(), Set.of(), "test", Optional.empty());
        transactions.transactional(cardTransitions.move(office, issued.cardId(), CardAction.DELIVER, Optional.empty(), Map.of()))
                .block();
        // As if the certificates had been issued almost 3 years ago: the renewal window is open.
        database.sql("update certificate set not_after = now() + interval '80 days' where serial in (:a, :s)")
                .bind("a", issued.authentication().getSerialNumber().toString(16))
                .bind("s", issued.signature().getSerialNumber().toString(16)).then().block();
        HttpClient holder = client(cardOf(agent), CARD_PASSWORD);
        String path = "/api/v1/cards/" + issued.cardId() + "/renewal";
        String key = newKey();
        JsonMapper json = JsonMapper.builder().build();

        Map<KeyRole, X509CertificateHolder> renewed = new EnumMap<>(KeyRole.class);
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName());
                AuthenticatedCard card = driver.authenticate(PcscRig.pin(PcscRig.USER_PIN))) {
            Map<KeyRole, PKCS10CertificationRequest> requests = new CardRenewer(KeySpec.RSA_2048).requests(card);
            String body = json.writeValueAsString(Map.of(
                    "authenticationCsr", PemFiles.toPem("CERTIFICATE REQUEST", requests.get(KeyRole.AUTHENTICATION).getEncoded()),
                    "signatureCsr", PemFiles.toPem("CERTIFICATE REQUEST", requests.get(KeyRole.SIGNATURE).getEncoded())));
            HttpResponse<byte[]> lost = postJson(holder, api(path), body, key);
            assertThat(lost.statusCode()).as(text(lost)).isEqualTo(200);
            HttpResponse<byte[]> answer = postJson(holder, api(path), body, key);
            assertThat(answer.statusCode()).as(text(answer)).isEqualTo(200);
            assertThat(text(answer)).isEqualTo(text(lost));
            JsonNode certificates = json.readTree(answer.body());
            renewed.put(KeyRole.AUTHENTICATION, certificate(certificates.get("authenticationCertificatePem").asString()));
            renewed.put(KeyRole.SIGNATURE, certificate(certificates.get("signatureCertificatePem").asString()));
            assertThat(driver.info().certificates().get(KeyRole.AUTHENTICATION)).as("the card works with its old keys meanwhile")
                    .isEqualTo(issued.authentication());
            CardRenewer.write(card, renewed, driver.info().certificates());
        }

        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            assertThat(driver.info().certificates()).isEqualTo(renewed);
            // The card signs with the new authentication key: the renewed certificate verifies it.
            try (AuthenticatedCard card = driver.authenticate(PcscRig.pin(PcscRig.USER_PIN))) {
                byte[] challenge = "défi du serveur".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] signature = card.sign(KeyRole.AUTHENTICATION, SignatureAlgorithm.SHA256_WITH_RSA, challenge);
                java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
                verifier.initVerify(new JcaX509CertificateConverter().getCertificate(renewed.get(KeyRole.AUTHENTICATION)));
                verifier.update(challenge);
                assertThat(verifier.verify(signature)).isTrue();
            }
        }
        assertThat(database.sql("select authentication_serial from card where id = :id").bind("id", issued.cardId())
                .map(row -> row.get("authentication_serial", String.class)).one().block())
                .isEqualTo(renewed.get(KeyRole.AUTHENTICATION).getSerialNumber().toString(16));
        assertThat(database.sql("select status || '/' || coalesce(revocation_reason, '') as s from certificate where serial = :s")
                .bind("s", issued.authentication().getSerialNumber().toString(16))
                .map(row -> row.get("s", String.class)).one().block()).isEqualTo("revoked/superseded");
        // OpenSC, which knows nothing of our code, reads the renewed certificates from the card.
        for (KeyRole role : KeyRole.values()) {
            ProcessResult read = OpenSc.pkcs15Tool("--reader", rig.readerName(), "--read-certificate",
                    role == KeyRole.AUTHENTICATION ? "01" : "02");
            assertThat(read.exitCode()).as(read.stderr()).isZero();
            assertThat(certificate(read.stdout())).as(role.name()).isEqualTo(renewed.get(role));
        }
    }

    /** An approved order for {@code agent}, personalized by the officer's bridge on the card in the rig's reader. */
    private IssuedPair personalizeInTheReader(TestPerson agent) {
        HttpResponse<byte[]> created = postJson(world.delegateClient(), api("/api/v1/collectivities/" + world.commune() + "/card-orders"),
                "{\"personId\": \"" + agent.id() + "\", \"reason\": \"initial\"}", newKey());
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        UUID orderId = UUID.fromString(JsonMapper.builder().build().readTree(created.body()).get("id").asString());
        HttpResponse<byte[]> approved = postJson(world.officerClient(), api("/api/v1/card-orders/" + orderId + "/transitions"),
                "{\"action\": \"approve\"}", null);
        assertThat(approved.statusCode()).as(text(approved)).isEqualTo(200);

        RegistrationAuthorityClient operator = RegistrationAuthorityClient.connect(URI.create("https://localhost:" + apiListener.port()),
                world.officerCard(), CARD_PASSWORD.toCharArray(), caChain);
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            CardInfo info = driver.info();
            try (AuthenticatedCard card = driver.authenticate(PcscRig.pin(PcscRig.USER_PIN))) {
                return new OrderPersonalizer(operator).personalize(card, orderId, info.serialNumber(), info.atrHex());
            }
        }
    }

    private static X509CertificateHolder certificate(String pem) {
        try {
            return PemFiles.parseCertificates(pem).get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
