package fr.cartesagents.bridge.localapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.personalization.CertificateAuthorityIssuer;
import fr.cartesagents.bridge.personalization.PairIssuer;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityConnection;
import fr.cartesagents.bridge.personalization.TestRegistrationAuthority;
import fr.cartesagents.bridge.personalization.TransportUnblockSecret;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.bridge.signing.LoginChallenge;
import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.token.KeySpec;

/** Every card operation of the bridge API over real HTTP, on a SoftHSM2 card with PIN retry counters. */
class LocalApiCardTest {

    private static final String PIN = SoftHsmCards.USER_PIN;
    private static final String SO_PIN = SoftHsmCards.SO_PIN;
    private static final String NEW_PIN = "7315";
    private static final String WRONG_PIN = "9021";
    /** The approved order the card is personalized for; the registration authority names the holder from its directory. */
    private static final String HOLDER = "\"orderId\":\"" + java.util.UUID.randomUUID() + "\"";

    @TempDir
    static Path shared;

    @TempDir
    Path directory;

    private static TestHierarchy hierarchy;
    private static TestRegistrationAuthority authority;
    private static CertificateIssuers registrationAuthority;

    @BeforeAll
    static void startRegistrationAuthority() throws Exception {
        hierarchy = TestHierarchy.create(shared, KeySpec.RSA_2048);
        authority = TestRegistrationAuthority.start(hierarchy, shared);
        Path secret = Files.writeString(shared.resolve("operator.pass"), new String(TestRegistrationAuthority.CLIENT_SECRET) + "\n");
        registrationAuthority = CertificateIssuers.of(new RegistrationAuthorityConnection(authority.apiBase(),
                authority.clientKey(), secret, authority.caChain()), () -> Pin.wrap(SO_PIN.toCharArray()));
    }

    @AfterAll
    static void stopRegistrationAuthority() {
        authority.close();
        hierarchy.close();
    }

    @Test
    void whenReadersAndCardAreRead_thenTheTokenIsListed_andTheCardHasNoSecretInIt() {
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.of(registrationAuthority))) {
            HttpResponse<String> readers = bridge.portal().get("/v1/readers");
            assertThat(readers.statusCode()).as(readers.body()).isEqualTo(200);
            JsonNode listing = BridgeApiClient.json(readers);
            assertThat(listing.get("pkcs11").get("available").asBoolean()).isTrue();
            assertThat(listing.get("pkcs11").get("readers").valueStream().map(slot -> slot.path("tokenLabel").asString("")))
                    .contains(bridge.card().label());
            assertThat(listing.get("pcsc").has("available")).isTrue();

            HttpResponse<String> card = bridge.portal().get("/v1/card");
            assertThat(card.statusCode()).as(card.body()).isEqualTo(200);
            JsonNode info = BridgeApiClient.json(card);
            assertThat(info.get("serialNumber").asString()).isEqualTo(bridge.card().serialNumber());
            assertThat(info.get("tokenLabel").asString()).isEqualTo(bridge.card().label());
            assertThat(info.get("pin").get("blocked").asBoolean()).isFalse();
            assertThat(info.get("certificates").isEmpty()).isTrue();
            assertThat(card.body()).doesNotContain(PIN, SO_PIN);

            HttpResponse<String> absent = bridge.portal().get("/v1/card?token=no-such-card");
            assertThat(absent.statusCode()).isEqualTo(409);
            assertThat(type(absent)).isEqualTo("urn:cartes-agents:bridge:problem:no-card");
        }
    }

    @Test
    void whenThePkcs11MiddlewareIsMissing_thenTheReadersSaySo_andTheRestStillAnswers() throws Exception {
        TestCard card = SoftHsmCards.get().newCard("api-no-middleware");
        LocalApiSettings settings = new LocalApiSettings(0, java.util.Set.of(ServedBridge.PORTAL), 4096, directory.resolve("token"));
        try (LocalApiServer server = LocalApiServer.start(settings,
                new WorkstationCards(Path.of("/nonexistent/opensc-pkcs11.so"), card::driver), Optional.empty())) {
            BridgeApiClient portal = BridgeApiClient.of(server, ServedBridge.PORTAL).paired(server.pairingCode());
            HttpResponse<String> readers = portal.get("/v1/readers");
            assertThat(readers.statusCode()).as(readers.body()).isEqualTo(200);
            JsonNode pkcs11 = BridgeApiClient.json(readers).get("pkcs11");
            assertThat(pkcs11.get("available").asBoolean()).isFalse();
            assertThat(pkcs11.get("detail").asString()).contains("/nonexistent/opensc-pkcs11.so");
            assertThat(portal.get("/v1/card").statusCode()).isEqualTo(200);
            HttpResponse<String> byLabel = portal.get("/v1/card?token=" + card.label());
            assertThat(byLabel.statusCode()).isEqualTo(502);
            assertThat(type(byLabel)).endsWith(":middleware-error");
        }
    }

    @Test
    void whenPinChanged_thenTheOldPinIsWrong_andAPinThePolicyRefusesCostsNoTry() {
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.empty())) {
            HttpResponse<String> trivial = changePin(bridge, PIN, "1234");
            assertThat(trivial.statusCode()).isEqualTo(422);
            assertThat(type(trivial)).endsWith(":pin-policy");
            assertThat(BridgeApiClient.json(trivial).get("title").asString()).isEqualTo("Code PIN refusé");
            assertThat(changePin(bridge, PIN, PIN).statusCode()).isEqualTo(422);
            assertThat(changePin(bridge, WRONG_PIN, "12a4").statusCode()).isEqualTo(422);
            assertThat(pinStatus(bridge).get("low").asBoolean()).as("no try spent").isFalse();

            HttpResponse<String> changed = changePin(bridge, PIN, NEW_PIN);
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(BridgeApiClient.json(changed).get("pin").get("blocked").asBoolean()).isFalse();
            HttpResponse<String> old = changePin(bridge, PIN, "5791");
            assertThat(old.statusCode()).isEqualTo(403);
            assertThat(type(old)).endsWith(":wrong-pin");
            assertThat(changePin(bridge, NEW_PIN, "5791").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void whenWrongPinThreeTimes_thenTriesLeftThen423_andTheUnblockSecretSetsANewPin() {
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.empty())) {
            HttpResponse<String> first = signChallenge(bridge, WRONG_PIN);
            assertThat(first.statusCode()).isEqualTo(403);
            JsonNode firstProblem = BridgeApiClient.json(first);
            assertThat(firstProblem.get("type").asString()).isEqualTo("urn:cartes-agents:bridge:problem:wrong-pin");
            assertThat(firstProblem.get("pin").get("low").asBoolean()).as(first.body()).isTrue();

            HttpResponse<String> second = signChallenge(bridge, WRONG_PIN);
            assertThat(second.statusCode()).isEqualTo(403);
            assertThat(BridgeApiClient.json(second).get("triesLeft").asInt()).as(second.body()).isEqualTo(1);
            assertThat(BridgeApiClient.json(second).get("detail").asString()).contains("Essais restants : 1.");

            HttpResponse<String> third = signChallenge(bridge, WRONG_PIN);
            assertThat(third.statusCode()).as(third.body()).isEqualTo(423);
            assertThat(type(third)).endsWith(":pin-blocked");
            assertThat(pinStatus(bridge).get("blocked").asBoolean()).isTrue();
            assertThat(signChallenge(bridge, PIN).statusCode()).as("the right PIN on a blocked card").isEqualTo(423);

            HttpResponse<String> wrongSecret = unblock(bridge, "00000000", "5791");
            assertThat(wrongSecret.statusCode()).isEqualTo(403);
            assertThat(type(wrongSecret)).endsWith(":wrong-unblock-secret");
            assertThat(unblock(bridge, SO_PIN, "4444").statusCode()).isEqualTo(422);
            HttpResponse<String> unblocked = unblock(bridge, SO_PIN, "5791");
            assertThat(unblocked.statusCode()).as(unblocked.body()).isEqualTo(200);
            assertThat(BridgeApiClient.json(unblocked).get("pin").get("blocked").asBoolean()).isFalse();
            HttpResponse<String> newPinWorks = signChallenge(bridge, "5791");
            assertThat(type(newPinWorks)).as("the PIN is accepted; the card has no key yet").endsWith(":key-not-found");
            assertThat(newPinWorks.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void whenPersonalizedThroughTheRegistrationAuthority_thenCmsAndChallengeSignaturesVerify() throws Exception {
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.of(registrationAuthority))) {
            HttpResponse<String> personalized = bridge.portal().post("/v1/card/personalization",
                    "{\"pin\":\"" + PIN + "\"," + HOLDER + "}");
            assertThat(personalized.statusCode()).as(personalized.body()).isEqualTo(200);
            JsonNode certificates = BridgeApiClient.json(personalized).get("certificates");
            assertThat(certificates.get("authentication").get("certificate").get("subject").asString()).contains("O=COMMUNE DE MOISSAC");
            Path chainPem = Files.writeString(directory.resolve("authentication.pem"),
                    certificates.get("authentication").get("chainPem").asString());
            OpenSsl.require().runSuccessfully("verify", "-CAfile", authority.caChain().toString(), chainPem.toString());

            JsonNode card = BridgeApiClient.json(bridge.portal().get("/v1/card"));
            assertThat(card.get("certificates").propertyNames()).containsExactlyInAnyOrder("authentication", "signature");
            String puk = TestRegistrationAuthority.pukOf(card.get("serialNumber").asString());
            assertThat(personalized.body()).as("the card's PUK never reaches the page").doesNotContain(puk);
            HttpResponse<String> transport = unblock(bridge, SO_PIN, "5791");
            assertThat(type(transport)).as("the batch's transport secret was replaced").endsWith(":wrong-unblock-secret");
            HttpResponse<String> withPuk = unblock(bridge, puk, PIN);
            assertThat(withPuk.statusCode()).as("the card's own PUK unblocks it: " + withPuk.body()).isEqualTo(200);

            byte[] document = "%PDF-1.7 délibération du conseil municipal\n".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> cms = sign(bridge, PIN, document, "cms");
            assertThat(cms.statusCode()).as(cms.body()).isEqualTo(200);
            Path content = Files.write(directory.resolve("deliberation.pdf"), document);
            Path signature = Files.write(directory.resolve("deliberation.pdf.p7s"),
                    Base64.getDecoder().decode(BridgeApiClient.json(cms).get("signatureBase64").asString()));
            ProcessResult verified = OpenSsl.require().run("cms", "-verify", "-binary", "-inform", "DER", "-in", signature.toString(),
                    "-content", content.toString(), "-CAfile", authority.caChain().toString(), "-out", directory.resolve("out").toString());
            assertThat(verified.exitCode()).as(verified.describe()).isZero();

            byte[] challenge = "nonce-4f1c2b-0123456789".getBytes(StandardCharsets.US_ASCII);
            HttpResponse<String> signedChallenge = sign(bridge, PIN, challenge, "challenge");
            assertThat(signedChallenge.statusCode()).as(signedChallenge.body()).isEqualTo(200);
            JsonNode answer = BridgeApiClient.json(signedChallenge);
            X509Certificate authentication = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(card.get("certificates").get("authentication")
                            .get("certificateBase64").asString())));
            // The card signed the prefixed structure that binds the nonce to the page's origin, never the bytes as sent.
            byte[] signedData = Base64.getDecoder().decode(answer.get("signedDataBase64").asString());
            assertThat(signedData).isEqualTo(new LoginChallenge(ServedBridge.PORTAL, challenge).toBeSigned());
            Signature verifier = Signature.getInstance(answer.get("algorithm").asString());
            verifier.initVerify(authentication.getPublicKey());
            verifier.update(signedData);
            assertThat(verifier.verify(Base64.getDecoder().decode(answer.get("signatureBase64").asString()))).isTrue();
            verifier.initVerify(authentication.getPublicKey());
            verifier.update(challenge);
            assertThat(verifier.verify(Base64.getDecoder().decode(answer.get("signatureBase64").asString())))
                    .as("a paired page cannot have arbitrary bytes signed with the authentication key").isFalse();
            assertThat(sign(bridge, PIN, new byte[32 + 33], "challenge").statusCode()).as("not a nonce").isEqualTo(400);
        }
    }

    @Test
    void whenTheBridgeHasAWrongTransportSecret_thenPersonalizationAnswers409WithTheCardsRefusal_andResumeWithTheRightOneFinishes() {
        java.util.concurrent.atomic.AtomicReference<String> batchSecret = new java.util.concurrent.atomic.AtomicReference<>("11223344");
        CertificateIssuers configured = CertificateIssuers.of(new RegistrationAuthorityConnection(authority.apiBase(),
                authority.clientKey(), shared.resolve("operator.pass"), authority.caChain()),
                () -> Pin.wrap(batchSecret.get().toCharArray()));
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.of(configured))) {
            HttpResponse<String> refused = bridge.portal().post("/v1/card/personalization", "{\"pin\":\"" + PIN + "\"," + HOLDER + "}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            JsonNode problem = BridgeApiClient.json(refused);
            assertThat(problem.get("type").asString()).endsWith(":unblock-secret-not-replaced");
            assertThat(problem.get("cardFailure").asString()).isEqualTo("wrong-unblock-secret");
            assertThat(problem.get("title").asString()).isEqualTo("Code de déblocage non remplacé");
            JsonNode halfDone = BridgeApiClient.json(bridge.portal().get("/v1/card")).get("certificates");
            assertThat(halfDone.propertyNames()).containsExactlyInAnyOrder("authentication", "signature");

            // A fresh personalization of the half-done card is refused before it touches the card, naming resume.
            batchSecret.set(SO_PIN);
            HttpResponse<String> notBlank = bridge.portal().post("/v1/card/personalization", "{\"pin\":\"" + PIN + "\"," + HOLDER + "}");
            assertThat(notBlank.statusCode()).as(notBlank.body()).isEqualTo(409);
            assertThat(type(notBlank)).endsWith(":card-not-blank");
            assertThat(BridgeApiClient.json(notBlank).get("title").asString()).isEqualTo("Carte non vierge");
            assertThat(BridgeApiClient.json(notBlank).get("detail").asString()).contains("« resume »: true");
            HttpResponse<String> inEnglish = bridge.portal().send(java.net.http.HttpRequest.newBuilder(bridge.portal().postRequest(
                    "/v1/card/personalization", "{\"pin\":\"" + PIN + "\"," + HOLDER + "}"), (name, value) -> true)
                    .header("Accept-Language", "en").build());
            assertThat(inEnglish.statusCode()).isEqualTo(409);
            assertThat(BridgeApiClient.json(inEnglish).get("title").asString()).isEqualTo("Card not blank");
            assertThat(BridgeApiClient.json(inEnglish).get("detail").asString()).contains("resume").contains("nothing was changed");
            assertThat(BridgeApiClient.json(bridge.portal().get("/v1/card")).get("certificates"))
                    .as("the card kept its certificates").isEqualTo(halfDone);

            HttpResponse<String> resumed = bridge.portal().post("/v1/card/personalization",
                    "{\"pin\":\"" + PIN + "\"," + HOLDER + ",\"resume\":true}");
            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
            assertThat(type(unblock(bridge, SO_PIN, "5791"))).as("the transport secret was replaced").endsWith(":wrong-unblock-secret");
        }
    }

    @Test
    void whenNoRegistrationAuthorityOrNoOrder_thenPersonalizationIsRefusedBeforeTheCard() {
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.empty())) {
            HttpResponse<String> unconfigured = bridge.portal().post("/v1/card/personalization", "{\"pin\":\"" + PIN + "\"," + HOLDER + "}");
            assertThat(unconfigured.statusCode()).isEqualTo(501);
            assertThat(type(unconfigured)).endsWith(":personalization-not-configured");
            HttpResponse<String> noOrder = bridge.portal().post("/v1/card/personalization", "{\"pin\":\"" + PIN + "\"}");
            assertThat(noOrder.statusCode()).isEqualTo(400);
            assertThat(BridgeApiClient.json(noOrder).get("title").asString()).isEqualTo("Requête invalide");
            HttpResponse<String> noKind = bridge.portal().post("/v1/card/signature", "{\"pin\":\"" + PIN + "\",\"dataBase64\":\"AA==\"}");
            assertThat(noKind.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void whenTwoRequestsReachOneCardAtOnce_thenTheSecondGets409_andAnotherCardIsFree() throws Exception {
        CountDownLatch issuing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CertificateIssuers held = new CertificateIssuers() {
            @Override
            public PairIssuer registrationAuthority() {
                PairIssuer server = registrationAuthority.registrationAuthority();
                return (request, key) -> {
                    issuing.countDown();
                    awaitOrFail(release);
                    return server.issue(request, key);
                };
            }

            @Override
            public List<X509CertificateHolder> caChain() {
                return List.of(hierarchy.issuing().certificate(), hierarchy.root().certificate());
            }

            @Override
            public TransportUnblockSecret transportUnblockSecret() {
                return registrationAuthority.transportUnblockSecret();
            }
        };
        TestCard otherCard = SoftHsmCards.get().newCard("api-other");
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.of(held))) {
            CompletableFuture<HttpResponse<String>> first = bridge.portal().postAsync("/v1/card/personalization",
                    "{\"pin\":\"" + PIN + "\"," + HOLDER + "}");
            assertThat(issuing.await(120, TimeUnit.SECONDS)).as("the personalization reached the registration authority").isTrue();

            HttpResponse<String> second = changePin(bridge, PIN, NEW_PIN);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
            assertThat(type(second)).isEqualTo("urn:cartes-agents:bridge:problem:card-busy");
            assertThat(bridge.portal().get("/v1/card").statusCode()).isEqualTo(409);
            assertThat(bridge.portal().get("/v1/card?token=" + otherCard.label()).statusCode()).as("another card").isEqualTo(200);

            release.countDown();
            HttpResponse<String> firstDone = first.get(120, TimeUnit.SECONDS);
            assertThat(firstDone.statusCode()).as(firstDone.body()).isEqualTo(200);
            assertThat(changePin(bridge, PIN, NEW_PIN).statusCode()).as("the card is free again").isEqualTo(200);
        } finally {
            release.countDown();
        }
    }

    @Test
    void whenPinsTravelThroughTheApi_thenNoLogLineHoldsOne() throws InterruptedException {
        // long PINs, so that no session handle or port in a log line matches one by chance
        String wrong = "90215738";
        String replacement = "73156294";
        String unblocked = "57913";
        try (ServedBridge bridge = ServedBridge.start(directory, Optional.of(registrationAuthority));
             LogCapture logs = new LogCapture()) {
            signChallenge(bridge, wrong);
            changePin(bridge, PIN, "98765432");
            changePin(bridge, PIN, replacement);
            unblock(bridge, "86429751", unblocked);
            unblock(bridge, SO_PIN, unblocked);
            bridge.portal().post("/v1/card/pin/change", "{\"currentPin\":\"" + unblocked + "\",\"newPin\":864207}");
            bridge.portal().post("/v1/card/pin/change", "{\"currentPin\":579134x}");
            bridge.portal().post("/v1/card/personalization", "{\"pin\":\"" + unblocked + "\"," + HOLDER + "}");
            String[] expected = {"POST /v1/card/pin/change -> 200", "refused: wrong-pin", "POST /v1/card/personalization -> 200"};
            String logged = logs.textHolding(Duration.ofSeconds(5), expected);
            assertThat(logged).as("the capture sees the API's log lines, debug included").contains(expected);
            assertThat(logged).doesNotContain(PIN, SO_PIN, wrong, replacement, unblocked, "98765432", "86429751", "864207", "579134");
        }
    }

    private static HttpResponse<String> changePin(ServedBridge bridge, String current, String replacement) {
        return bridge.portal().post("/v1/card/pin/change", "{\"currentPin\":\"" + current + "\",\"newPin\":\"" + replacement + "\"}");
    }

    private static HttpResponse<String> unblock(ServedBridge bridge, String secret, String replacement) {
        return bridge.portal().post("/v1/card/pin/unblock", "{\"unblockSecret\":\"" + secret + "\",\"newPin\":\"" + replacement + "\"}");
    }

    private static HttpResponse<String> signChallenge(ServedBridge bridge, String pin) {
        return sign(bridge, pin, "challenge-nonce-0123456789".getBytes(StandardCharsets.US_ASCII), "challenge");
    }

    private static HttpResponse<String> sign(ServedBridge bridge, String pin, byte[] data, String kind) {
        return bridge.portal().post("/v1/card/signature", "{\"pin\":\"" + pin + "\",\"dataBase64\":\""
                + Base64.getEncoder().encodeToString(data) + "\",\"kind\":\"" + kind + "\"}");
    }

    private static JsonNode pinStatus(ServedBridge bridge) {
        return BridgeApiClient.json(bridge.portal().get("/v1/card")).get("pin");
    }

    private static String type(HttpResponse<String> response) {
        return BridgeApiClient.json(response).get("type").asString();
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            if (!latch.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test never released the registration authority");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
