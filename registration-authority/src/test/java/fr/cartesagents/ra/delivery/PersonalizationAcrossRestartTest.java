package fr.cartesagents.ra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.personalization.IssuanceException;
import fr.cartesagents.bridge.personalization.IssuedPair;
import fr.cartesagents.bridge.personalization.OrderPersonalizer;
import fr.cartesagents.bridge.personalization.PairIssuer;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityClient;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.testutil.RequiredTool;
import fr.cartesagents.ra.testsupport.RestartableServer;
import fr.cartesagents.ra.testsupport.RunningServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11's failure path "server restart between key generation and certificate writing", with a
 * real restart: the bridge made both key pairs on the card and sent both requests; the server issued
 * and stored the pair, then stopped before the answer reached the bridge. Another server started on
 * the same data directory (the same PostgreSQL data, the same CA keys, new ports, nothing in memory)
 * answers the bridge's retry with the same Idempotency-Key with the stored pair, and
 * {@code GET /api/v1/cards/{id}} gives the same certificates; the bridge writes them next to the keys
 * it made, and the card is whole.
 */
class PersonalizationAcrossRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void whenTheServerRestartsBeforeTheBridgeWritesTheCertificates_thenTheStoredAnswerIsFetchedAndTheCardFinished() throws Exception {
        RequiredTool.softHsm2().require();
        Path testData = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
        Path dataDirectory = Files.createTempDirectory(testData, "restart-");
        TestCard card = SoftHsmCards.get().newCard("restart");
        AtomicReference<IssuedPair> answeredBeforeTheStop = new AtomicReference<>();
        CardWorld world;
        UUID orderId;

        try (RestartableServer first = RestartableServer.start(dataDirectory)) {
            world = CardWorld.create(first.database(), CardWorld.Clients.of(first::cardOf, first::client));
            orderId = approvedOrder(first, world);
            // The server issues and stores the pair, then goes down before its answer reaches the bridge.
            PairIssuer serverStops = (request, key) -> {
                answeredBeforeTheStop.set(officer(first, world).issue(request, key));
                first.close();
                throw new IssuanceException("connection reset: the server stopped before answering");
            };
            try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard session = driver.authenticate(TestCard.userPin())) {
                assertThatThrownBy(() -> new OrderPersonalizer(serverStops).personalize(session, orderId, card.serialNumber(),
                        Optional.empty())).isInstanceOf(IssuanceException.class);
            }
            try (Pkcs11CardDriver driver = card.driver()) {
                assertThat(driver.info().certificates()).as("keys made, no certificate written yet").isEmpty();
            }
        }

        try (RestartableServer second = RestartableServer.start(dataDirectory)) {
            IssuedPair before = answeredBeforeTheStop.get();
            // The card's page on the restarted server already has both certificates (what the portal can fetch).
            HttpResponse<byte[]> read = second.get(second.client(world.officerCard()), second.api("/api/v1/cards/" + before.cardId()));
            assertThat(read.statusCode()).as(RunningServer.text(read)).isEqualTo(200);
            JsonNode onRecord = JSON.readTree(read.body());
            assertThat(onRecord.get("state").asString()).isEqualTo("personalized");
            assertThat(certificate(onRecord.get("authenticationCertificatePem").asString())).isEqualTo(before.authentication());
            assertThat(certificate(onRecord.get("signatureCertificatePem").asString())).isEqualTo(before.signature());

            // The bridge resumes: the same request, the same Idempotency-Key, the stored pair; then it writes it.
            IssuedPair resumed;
            try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard session = driver.authenticate(TestCard.userPin())) {
                resumed = new OrderPersonalizer(officer(second, world)).resume(session, orderId, card.serialNumber(), Optional.empty());
            }
            assertThat(resumed.cardId()).isEqualTo(before.cardId());
            assertThat(resumed.authentication()).isEqualTo(before.authentication());
            assertThat(resumed.signature()).isEqualTo(before.signature());
            assertThat(resumed.puk()).as("the PUK is derived again for the replay, never stored").isEqualTo(before.puk());
            try (Pkcs11CardDriver driver = card.driver()) {
                assertThat(driver.info().certificates()).containsOnlyKeys(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE);
                assertThat(driver.info().certificates().get(KeyRole.AUTHENTICATION)).isEqualTo(before.authentication());
            }
            // One card, one pair: the replay issued nothing more.
            long certificates = second.database().sql("select count(*) as n from certificate where holder_id = :holder")
                    .bind("holder", world.agent().holderId()).map(row -> row.get("n", Long.class)).one().block();
            assertThat(certificates).isEqualTo(2);
        }
    }

    private static UUID approvedOrder(RestartableServer server, CardWorld world) {
        HttpResponse<byte[]> created = server.postJson(world.delegateClient(),
                server.api("/api/v1/collectivities/" + world.commune() + "/card-orders"),
                CardLifecycleEndToEndTest.orderJson(world.agent(), "initial"), RunningServer.newKey());
        assertThat(created.statusCode()).as(RunningServer.text(created)).isEqualTo(201);
        UUID orderId = UUID.fromString(JSON.readTree(created.body()).get("id").asString());
        HttpResponse<byte[]> approved = server.postJson(world.officerClient(), server.api("/api/v1/card-orders/" + orderId + "/transitions"),
                "{\"action\": \"approve\"}", null);
        assertThat(approved.statusCode()).as(RunningServer.text(approved)).isEqualTo(200);
        return orderId;
    }

    private static RegistrationAuthorityClient officer(RestartableServer server, CardWorld world) {
        List<X509CertificateHolder> caChain;
        try {
            caChain = PemFiles.readCertificates(server.dataDirectory().resolve("ca-chain.pem"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return RegistrationAuthorityClient.connect(server.apiBase(), world.officerCard(), "card-login-test".toCharArray(), caChain);
    }

    private static X509CertificateHolder certificate(String pem) throws IOException {
        return PemFiles.parseCertificates(pem).get(0);
    }
}
