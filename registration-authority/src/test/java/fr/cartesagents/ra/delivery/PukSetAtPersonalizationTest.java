package fr.cartesagents.ra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.personalization.OrderPersonalizer;
import fr.cartesagents.bridge.personalization.PersonalizedCard;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityClient;
import fr.cartesagents.bridge.personalization.TransportUnblockSecret;
import fr.cartesagents.bridge.personalization.UnblockSecretNotReplaced;
import fr.cartesagents.bridge.personalization.UnblockSecretReplacement;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.bridge.testsupport.PcscRig;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ra.card.CardAction;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.testsupport.CardLifecycleServer;
import fr.cartesagents.ra.testsupport.Mailbox;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The card's unblock secret from personalization to unblock, on real components: the server
 * (embedded PostgreSQL, its card-secrets master key, mail to an in-process SMTP server), the bridge's
 * order personalization with the officer's own certificate, and as cards a SoftHSM2 token behind the
 * PIN-counting module and the IAS-ECC simulator behind pcscd. The bridge replaces the blank card's
 * transport secret with the PUK the server answers; once the holder's PIN is blocked, the mailed code
 * releases that PUK, which unblocks the card through the bridge, and the transport secret no longer
 * does. A wrong transport secret configured leaves the certificates written and {@code resume}
 * finishes the job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PukSetAtPersonalizationTest extends CardLifecycleServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration MAIL = Duration.ofSeconds(20);
    private static final Pattern CODE = Pattern.compile("\\n\\s+(\\d{8})\\s*\\n");
    private static final String NEW_PIN = "1357";

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
    void whenATokenIsPersonalizedThroughTheBridge_thenOnlyThePukTheServerReleasesUnblocksIt() {
        try (CardDriver driver = SoftHsmCards.get().newCard("puk-e2e").driver()) {
            personalizeBlockAndUnblock(driver, TestCard.userPin(), SoftHsmCards.SO_PIN, "Jeton");
        }
    }

    @Test
    void whenTheSimulatedCardIsPersonalizedOverPcsc_thenOnlyThePukTheServerReleasesUnblocksIt() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            personalizeBlockAndUnblock(driver, PcscRig.pin(PcscRig.USER_PIN), PcscRig.PUK, "Simulée");
        }
    }

    /** A new agent's approved order, their card personalized and delivered, its PIN blocked, then unblocked as Art. V says. */
    private void personalizeBlockAndUnblock(CardDriver driver, Pin pin, String transport, String birthName) {
        TestPerson agent = world.newAgent(database, "Inès", birthName + "-" + newKey().substring(0, 6));
        PersonalizedCard personalized = personalize(driver, pin, approvedOrder(agent), false, transport);
        assertThat(personalized.unblockSecret()).isEqualTo(UnblockSecretReplacement.Outcome.REPLACED);
        deliver(personalized.issued().cardId());

        blockThePin(driver);
        assertUnblocksWithTheReleasedPukOnly(driver, transport, releasedPuk(personalized.issued().cardId(), agent));
    }

    @Test
    void whenTheTransportSecretConfiguredIsWrong_thenTheCertificatesStayWritten_andResumeWithTheRightOneCompletes() {
        TestPerson agent = world.newAgent(database, "Inès", "Reprise-" + newKey().substring(0, 6));
        UUID order = approvedOrder(agent);
        TestCard card = SoftHsmCards.get().newCard("puk-e2e-wrong");
        try (CardDriver driver = card.driver()) {
            assertThatThrownBy(() -> personalize(driver, TestCard.userPin(), order, false, "00001111"))
                    .isInstanceOfSatisfying(UnblockSecretNotReplaced.class,
                            e -> assertThat(e.cardFailure().failure()).isEqualTo(CardFailure.WRONG_UNBLOCK_SECRET))
                    .hasMessageContaining("resume");
            UUID cardId = cardOfOrder(order);
            JsonNode onRecord = JSON.readTree(get(world.officerClient(), api("/api/v1/cards/" + cardId)).body());
            assertThat(driver.info().certificates()).as("the server's certificates are on the card")
                    .containsOnlyKeys(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE);
            assertThat(driver.info().certificates().get(KeyRole.AUTHENTICATION).getSerialNumber().toString(16))
                    .isEqualTo(onRecord.get("authenticationSerial").asString());

            PersonalizedCard resumed = personalize(driver, TestCard.userPin(), order, true, SoftHsmCards.SO_PIN);
            assertThat(resumed.unblockSecret()).isEqualTo(UnblockSecretReplacement.Outcome.REPLACED);
            assertThat(resumed.issued().cardId()).as("the same card, not a second one").isEqualTo(cardId);
            assertThat(driver.unblockSecretStatus().low()).as("the wrong try was given back").isFalse();
            deliver(cardId);

            blockThePin(driver);
            assertUnblocksWithTheReleasedPukOnly(driver, SoftHsmCards.SO_PIN, releasedPuk(cardId, agent));
        }
    }

    private PersonalizedCard personalize(CardDriver driver, Pin pin, UUID order, boolean resume, String transport) {
        RegistrationAuthorityClient operator = RegistrationAuthorityClient.connect(URI.create("https://localhost:" + apiListener.port()),
                world.officerCard(), CARD_PASSWORD.toCharArray(), caChain);
        TransportUnblockSecret batchSecret = () -> Pin.wrap(transport.toCharArray());
        try (pin) {
            return new OrderPersonalizer(operator).personalizeOrder(driver, pin, order, resume, batchSecret);
        }
    }

    private UUID approvedOrder(TestPerson agent) {
        HttpResponse<byte[]> created = postJson(world.delegateClient(), api("/api/v1/collectivities/" + world.commune() + "/card-orders"),
                "{\"personId\": \"" + agent.id() + "\", \"reason\": \"initial\"}", newKey());
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        UUID order = UUID.fromString(JSON.readTree(created.body()).get("id").asString());
        HttpResponse<byte[]> approved = postJson(world.officerClient(), api("/api/v1/card-orders/" + order + "/transitions"),
                "{\"action\": \"approve\"}", null);
        assertThat(approved.statusCode()).as(text(approved)).isEqualTo(200);
        return order;
    }

    private UUID cardOfOrder(UUID order) {
        return database.sql("select id from card where order_id = :order").bind("order", order)
                .map(row -> row.get("id", UUID.class)).one().block();
    }

    /** The hand-over (its own tests elsewhere) done directly: an unblock is for a delivered card. */
    private void deliver(UUID cardId) {
        Actor office = new Actor("test-hand-over", Optional.empty(), Set.of(), "test", Optional.empty());
        transactions.transactional(cardTransitions.move(office, cardId, CardAction.DELIVER, Optional.empty(), Map.of())).block();
    }

    /** The delegate asks for the holder, the code mailed to the holder releases the card's PUK to an anonymous caller. */
    private String releasedPuk(UUID cardId, TestPerson holder) {
        HttpResponse<byte[]> asked = postJson(world.delegateClient(), api("/api/v1/cards/" + cardId + "/unblock-requests"), "", null);
        assertThat(asked.statusCode()).as(text(asked)).isEqualTo(202);
        Matcher code = CODE.matcher(Mailbox.body(Mailbox.awaitTo(email(holder), 1, MAIL).get(0)));
        assertThat(code.find()).isTrue();
        HttpResponse<byte[]> released = postJson(anonymousClient(), api("/api/v1/cards/" + cardId + "/unblock"),
                "{\"code\": \"" + code.group(1) + "\"}", null);
        assertThat(released.statusCode()).as(text(released)).isEqualTo(200);
        return JSON.readTree(released.body()).get("puk").asString();
    }

    private static void blockThePin(CardDriver driver) {
        for (int i = 0; i < 3; i++) {
            try (Pin wrong = Pin.wrap("9753".toCharArray())) {
                assertThatThrownBy(() -> driver.authenticate(wrong).close()).isInstanceOf(CardException.class);
            }
        }
        assertThat(driver.pinStatus().blocked()).isTrue();
    }

    private static void assertUnblocksWithTheReleasedPukOnly(CardDriver driver, String transport, String releasedPuk) {
        try (Pin transportSecret = Pin.wrap(transport.toCharArray()); Pin newPin = Pin.wrap(NEW_PIN.toCharArray())) {
            assertThatThrownBy(() -> driver.unblockPin(transportSecret, newPin)).as("the batch's transport secret")
                    .isInstanceOfSatisfying(CardException.class,
                            e -> assertThat(e.failure()).isEqualTo(CardFailure.WRONG_UNBLOCK_SECRET));
        }
        assertThat(driver.pinStatus().blocked()).isTrue();
        try (Pin puk = Pin.wrap(releasedPuk.toCharArray()); Pin newPin = Pin.wrap(NEW_PIN.toCharArray())) {
            driver.unblockPin(puk, newPin);
        }
        try (Pin newPin = Pin.wrap(NEW_PIN.toCharArray())) {
            driver.authenticate(newPin).close();
        }
        assertThat(driver.pinStatus().blocked()).isFalse();
    }
}
