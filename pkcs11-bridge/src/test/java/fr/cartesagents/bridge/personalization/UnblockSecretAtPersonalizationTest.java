package fr.cartesagents.bridge.personalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.bridge.testsupport.PcscRig;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.token.KeySpec;

/**
 * The last step of the personalization of an order: the card batch's transport unblock secret
 * replaced with the card's own PUK from the registration authority, on a SoftHSM2 token behind the
 * PIN-counting module (the SO PIN is the unblock secret, 10 tries) and on the IAS-ECC simulator behind
 * pcscd (the PUK, 10 tries): the transport secret no longer unblocks, the server's PUK does; a wrong
 * transport secret, or a card pulled out, leaves the certificates written and {@code resume} finishes;
 * a resume after a lost answer spends no try; a counter at its final try is not guessed on.
 */
class UnblockSecretAtPersonalizationTest {

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    @TempDir
    static Path shared;

    private static TestHierarchy hierarchy;
    private static TestRegistrationAuthority authority;
    private static RegistrationAuthorityConnection operator;

    @BeforeAll
    static void startRegistrationAuthority() throws Exception {
        hierarchy = TestHierarchy.create(shared, KeySpec.RSA_2048);
        authority = TestRegistrationAuthority.start(hierarchy, shared);
        Path secret = Files.writeString(shared.resolve("operator.pass"), new String(TestRegistrationAuthority.CLIENT_SECRET) + "\n");
        operator = new RegistrationAuthorityConnection(authority.apiBase(), authority.clientKey(), secret, authority.caChain());
    }

    @AfterAll
    static void stopRegistrationAuthority() {
        authority.close();
        hierarchy.close();
    }

    @Test
    void whenATokenIsPersonalized_thenItsSoPinIsTheServersPukAndTheTransportSecretNoLongerUnblocksIt() {
        TestCard card = SoftHsmCards.get().newCard("puk");
        try (CardDriver driver = card.driver(); Pin pin = TestCard.userPin()) {
            PersonalizedCard personalized = personalizer().personalizeOrder(driver, pin, UUID.randomUUID(), false,
                    secret(SoftHsmCards.SO_PIN));
            assertThat(personalized.unblockSecret()).isEqualTo(UnblockSecretReplacement.Outcome.REPLACED);
            assertThat(driver.unblockSecretStatus().low()).as("no try spent").isFalse();
            blockThePin(driver);
            assertUnblocksOnlyWithTheServersPuk(driver, SoftHsmCards.SO_PIN, card.serialNumber());
        }
    }

    @Test
    void whenTheSimulatedCardIsPersonalized_thenItsPukIsTheServersAndTheTransportPukNoLongerUnblocksIt() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName()); Pin pin = PcscRig.pin(PcscRig.USER_PIN)) {
            PersonalizedCard personalized = personalizer().personalizeOrder(driver, pin, UUID.randomUUID(), false,
                    secret(PcscRig.PUK));
            assertThat(personalized.unblockSecret()).isEqualTo(UnblockSecretReplacement.Outcome.REPLACED);
            assertThat(rig.card().state().pukTriesLeft()).isEqualTo(10);
            blockThePin(driver);
            assertUnblocksOnlyWithTheServersPuk(driver, PcscRig.PUK, personalized.cardSerial());
        }
    }

    @Test
    void whenTheTransportSecretConfiguredIsWrong_thenTheCertificatesStayWrittenAndResumeWithTheRightOneFinishes() {
        TestCard card = SoftHsmCards.get().newCard("puk-wrong");
        UUID order = UUID.randomUUID();
        try (CardDriver driver = card.driver()) {
            assertThatThrownBy(() -> {
                try (Pin pin = TestCard.userPin()) {
                    personalizer().personalizeOrder(driver, pin, order, false, secret("11112222"));
                }
            }).isInstanceOfSatisfying(UnblockSecretNotReplaced.class,
                    e -> assertThat(e.cardFailure().failure()).isEqualTo(CardFailure.WRONG_UNBLOCK_SECRET))
                    .hasMessageContaining("resume");
            var written = driver.info().certificates();
            assertThat(written).containsOnlyKeys(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE);
            assertThat(driver.unblockSecretStatus().low()).as("one try spent on the wrong transport secret").isTrue();

            try (Pin pin = TestCard.userPin()) {
                PersonalizedCard resumed = personalizer().personalizeOrder(driver, pin, order, true, secret(SoftHsmCards.SO_PIN));
                assertThat(resumed.unblockSecret()).isEqualTo(UnblockSecretReplacement.Outcome.REPLACED);
            }
            assertThat(driver.info().certificates()).as("the same certificates: the server replayed its answer").isEqualTo(written);
            assertThat(driver.unblockSecretStatus().low()).as("the right secret gave the try back").isFalse();
            blockThePin(driver);
            assertUnblocksOnlyWithTheServersPuk(driver, SoftHsmCards.SO_PIN, card.serialNumber());
        }
    }

    @Test
    void whenAFreshPersonalizationMeetsATokenHoldingKeys_thenItIsRefusedBeforeAnyKeyIsMade() {
        TestCard card = SoftHsmCards.get().newCard("not-blank");
        try (CardDriver driver = card.driver(); Pin pin = TestCard.userPin()) {
            try (AuthenticatedCard session = driver.authenticate(pin)) {
                // Keys made, certificates never written: a personalization interrupted before the server answered.
                session.generateKeyPair(KeyRole.AUTHENTICATION, KeySpec.RSA_2048);
                session.generateKeyPair(KeyRole.SIGNATURE, KeySpec.RSA_2048);
            }
            Map<KeyRole, PublicKey> before = publicKeys(driver, pin);
            assertThatThrownBy(() -> personalizer().personalizeOrder(driver, pin, UUID.randomUUID(), false, secret(SoftHsmCards.SO_PIN)))
                    .isInstanceOfSatisfying(CardException.class, e -> assertThat(e.failure()).isEqualTo(CardFailure.CARD_NOT_BLANK))
                    .hasMessageContaining("resume");
            assertThat(publicKeys(driver, pin)).as("no new key").isEqualTo(before);
            assertThat(driver.info().certificates()).isEmpty();
            assertThat(driver.unblockSecretStatus().low()).as("the transport secret untouched").isFalse();
        }
    }

    @Test
    void whenAFreshPersonalizationMeetsASimulatedCardHalfPersonalized_thenItIsRefusedAndTheCertificatesStillMatchTheKeys() {
        UUID order = UUID.randomUUID();
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName()); Pin pin = PcscRig.pin(PcscRig.USER_PIN)) {
            assertThatThrownBy(() -> personalizer().personalizeOrder(driver, pin, order, false, secret("2718281828459045")))
                    .isInstanceOf(UnblockSecretNotReplaced.class);
            var written = driver.info().certificates();
            Map<KeyRole, PublicKey> keys = publicKeys(driver, pin);
            assertThatThrownBy(() -> personalizer().personalizeOrder(driver, pin, order, false, secret(PcscRig.PUK)))
                    .isInstanceOfSatisfying(CardException.class, e -> assertThat(e.failure()).isEqualTo(CardFailure.CARD_NOT_BLANK));
            assertThat(driver.info().certificates()).isEqualTo(written);
            assertThat(publicKeys(driver, pin)).isEqualTo(keys);
            for (KeyRole role : KeyRole.values()) {
                assertThat(OrderPersonalizer.certifies(written.get(role), keys.get(role))).as(role + " certificate matches its key").isTrue();
            }
            assertThat(rig.card().state().pukTriesLeft()).as("no PUK try spent by the refusal").isEqualTo(9);
            assertThat(personalizer().personalizeOrder(driver, pin, order, true, secret(PcscRig.PUK)).unblockSecret())
                    .as("resume still finishes it").isEqualTo(UnblockSecretReplacement.Outcome.REPLACED);
        }
    }

    private static Map<KeyRole, PublicKey> publicKeys(CardDriver driver, Pin pin) {
        Map<KeyRole, PublicKey> keys = new java.util.EnumMap<>(KeyRole.class);
        try (AuthenticatedCard session = driver.authenticate(pin)) {
            for (KeyRole role : KeyRole.values()) {
                session.publicKey(role).ifPresent(key -> keys.put(role, key));
            }
        }
        return keys;
    }

    @Test
    void whenTheSimulatedCardRefusesTheTransportPuk_thenResumeWithTheRightOneFinishes() {
        UUID order = UUID.randomUUID();
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            assertThatThrownBy(() -> {
                try (Pin pin = PcscRig.pin(PcscRig.USER_PIN)) {
                    personalizer().personalizeOrder(driver, pin, order, false, secret("2718281828459045"));
                }
            }).isInstanceOf(UnblockSecretNotReplaced.class);
            assertThat(driver.info().certificates()).containsOnlyKeys(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE);
            assertThat(rig.card().state().pukTriesLeft()).isEqualTo(9);
            try (Pin pin = PcscRig.pin(PcscRig.USER_PIN)) {
                assertThat(personalizer().personalizeOrder(driver, pin, order, true, secret(PcscRig.PUK)).unblockSecret())
                        .isEqualTo(UnblockSecretReplacement.Outcome.REPLACED);
            }
            assertThat(rig.card().state().pukTriesLeft()).isEqualTo(10);
        }
    }

    @Test
    void whenTheCardIsPulledOutAfterItsCertificatesAreWritten_thenResumeSetsThePukWithoutSpendingATry() {
        TestCard card = SoftHsmCards.get().newCard("puk-pulled");
        UUID order = UUID.randomUUID();
        try (CardDriver driver = card.driver()) {
            CardDriver pulledOutBeforeThePuk = pulledOutAtTheUnblockSecret(driver, card);
            assertThatThrownBy(() -> {
                try (Pin pin = TestCard.userPin()) {
                    personalizer().personalizeOrder(pulledOutBeforeThePuk, pin, order, false, secret(SoftHsmCards.SO_PIN));
                }
            }).isInstanceOfSatisfying(UnblockSecretNotReplaced.class,
                    e -> assertThat(e.cardFailure().failure()).isIn(CardFailure.NO_CARD, CardFailure.CARD_REMOVED));
            card.insert();
            assertThat(driver.info().certificates()).containsOnlyKeys(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE);
            try (Pin pin = TestCard.userPin()) {
                assertThat(personalizer().personalizeOrder(driver, pin, order, true, secret(SoftHsmCards.SO_PIN)).unblockSecret())
                        .isEqualTo(UnblockSecretReplacement.Outcome.REPLACED);
            }
            assertThat(driver.unblockSecretStatus().low()).isFalse();
            blockThePin(driver);
            assertUnblocksOnlyWithTheServersPuk(driver, SoftHsmCards.SO_PIN, card.serialNumber());
        }
    }

    @Test
    void whenTheChangeWentThroughButItsAnswerWasLost_thenResumeFindsTheServersPukAndSpendsNoTryInTheEnd() {
        TestCard card = SoftHsmCards.get().newCard("puk-lost");
        UUID order = UUID.randomUUID();
        try (CardDriver driver = card.driver()) {
            try (Pin pin = TestCard.userPin()) {
                personalizer().personalizeOrder(driver, pin, order, false, secret(SoftHsmCards.SO_PIN));
            }
            try (Pin pin = TestCard.userPin()) {
                PersonalizedCard resumed = personalizer().personalizeOrder(driver, pin, order, true, secret(SoftHsmCards.SO_PIN));
                assertThat(resumed.unblockSecret()).isEqualTo(UnblockSecretReplacement.Outcome.ALREADY_REPLACED);
            }
            assertThat(driver.unblockSecretStatus().low()).as("the PUK's success gave back the transport secret's try").isFalse();
        }
    }

    @Test
    void whenTheUnblockSecretHasOneTryLeft_thenTheBridgeDoesNotSpendItOnAGuess() {
        TestCard card = SoftHsmCards.get().newCard("puk-last");
        try (CardDriver driver = card.driver()) {
            for (int i = 0; i < SoftHsmCards.SO_TRIES - 1; i++) {
                try (Pin wrong = TestCard.pin("99990000")) {
                    assertThatThrownBy(() -> driver.verifyUnblockSecret(wrong)).isInstanceOf(CardException.class);
                }
            }
            assertThat(driver.unblockSecretStatus().finalTry()).isTrue();
            assertThatThrownBy(() -> {
                try (Pin pin = TestCard.userPin()) {
                    personalizer().personalizeOrder(driver, pin, UUID.randomUUID(), false, secret(SoftHsmCards.SO_PIN));
                }
            }).isInstanceOfSatisfying(UnblockSecretNotReplaced.class,
                    e -> assertThat(e.cardFailure().getMessage()).contains("one try left"));
            assertThat(driver.unblockSecretStatus().finalTry()).as("the last try is still there").isTrue();
            assertThat(driver.unblockSecretStatus().blocked()).isFalse();
        }
    }

    @Test
    void whenTheTransportSecretIsNotWhereItWasSaid_thenNothingIsIssued() {
        TestCard card = SoftHsmCards.get().newCard("puk-none");
        try (CardDriver driver = card.driver(); Pin pin = TestCard.userPin()) {
            assertThatThrownBy(() -> personalizer().personalizeOrder(driver, pin, UUID.randomUUID(), false,
                    TransportUnblockSecret.inFile(shared.resolve("missing-transport-puk"))))
                    .isInstanceOf(TransportUnblockSecret.Unreadable.class).hasMessageContaining("missing-transport-puk");
            assertThat(driver.info().certificates()).isEmpty();
        }
    }

    private static OrderPersonalizer personalizer() {
        return new OrderPersonalizer(operator.client());
    }

    /** The card as the bridge drives it, pulled out of its reader as the step of its unblock secret begins. */
    private static CardDriver pulledOutAtTheUnblockSecret(CardDriver driver, TestCard card) {
        return (CardDriver) Proxy.newProxyInstance(CardDriver.class.getClassLoader(), new Class<?>[] {CardDriver.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("unblockSecretStatus")) {
                        card.remove();
                    }
                    try {
                        return method.invoke(driver, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static TransportUnblockSecret secret(String value) {
        return () -> Pin.wrap(value.toCharArray());
    }

    private static void blockThePin(CardDriver driver) {
        for (int i = 0; i < 3; i++) {
            try (Pin wrong = Pin.wrap("9753".toCharArray())) {
                assertThatThrownBy(() -> driver.authenticate(wrong).close()).isInstanceOf(CardException.class);
            }
        }
        assertThat(driver.pinStatus().blocked()).isTrue();
    }

    private static void assertUnblocksOnlyWithTheServersPuk(CardDriver driver, String transport, String cardSerial) {
        try (Pin transportSecret = Pin.wrap(transport.toCharArray()); Pin newPin = Pin.wrap("5791".toCharArray())) {
            assertThatThrownBy(() -> driver.unblockPin(transportSecret, newPin))
                    .isInstanceOfSatisfying(CardException.class,
                            e -> assertThat(e.failure()).isEqualTo(CardFailure.WRONG_UNBLOCK_SECRET));
        }
        try (Pin puk = Pin.wrap(TestRegistrationAuthority.pukOf(cardSerial).toCharArray()); Pin newPin = Pin.wrap("5791".toCharArray())) {
            driver.unblockPin(puk, newPin);
        }
        try (Pin newPin = Pin.wrap("5791".toCharArray())) {
            driver.authenticate(newPin).close();
        }
        assertThat(driver.pinStatus().blocked()).isFalse();
    }
}
