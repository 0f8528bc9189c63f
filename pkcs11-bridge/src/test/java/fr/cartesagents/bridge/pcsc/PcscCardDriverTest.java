package fr.cartesagents.bridge.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.OptionalInt;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.cartesagents.bridge.apdu.Instruction;
import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.CardInfo;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.card.PinStatus;
import fr.cartesagents.bridge.testsupport.PcscRig;
import fr.cartesagents.ca.cardsecret.CardSerial;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * The PC/SC driver through the real stack: javax.smartcardio → libpcsclite → pcscd → vpcd → the
 * card simulator.
 */
class PcscCardDriverTest {

    private static final String NEW_PIN = "86429753";
    private static final String WRONG_PIN = "0000";
    private static final String WRONG_PUK = "2718281828459045";

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    @Test
    void whenTheCardIsRead_thenInfoGivesSerialAtrReaderAndPinStatus() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            CardInfo info = driver.info();

            assertThat(info.serialNumber()).isEqualTo(rig.card().state().serialNumberHex());
            assertThat(info.atrHex()).contains(HexFormat.of().withUpperCase().formatHex(rig.card().atr()));
            assertThat(info.tokenLabel()).isEmpty();
            assertThat(info.reader()).isEqualTo(rig.readerName());
            assertThat(info.pinStatus()).isEqualTo(PinStatus.ofTriesLeft(3));
            assertThat(info.certificates()).isEmpty();
            assertThat(driver.capabilities().unblocksPin()).isTrue();
        }
    }

    @Test
    void whenNoReaderIsNamed_thenTheOnlyReaderWithACardIsUsed() {
        try (PcscCardDriver driver = PcscCardDriver.open(null)) {
            assertThat(driver.reader()).isEqualTo(rig.readerName());
        }
    }

    @Test
    void whenNoReaderIsNamedAndTwoHoldACard_thenTheDriverAsksWhichOne() {
        rig.insertSecondCard();

        assertFailure(() -> PcscCardDriver.open(null), CardFailure.NO_READER, "Several readers hold a card");
    }

    @Test
    void whenTheReaderDoesNotExist_thenNoReader() {
        assertFailure(() -> PcscCardDriver.open("Lecteur inexistant 00 00"), CardFailure.NO_READER, "Lecteur inexistant");
    }

    @Test
    void whenTheReaderIsEmpty_thenNoCard() {
        rig.removeCard();

        assertFailure(() -> PcscCardDriver.open(rig.readerName()), CardFailure.NO_CARD, "insert the card");
        assertFailure(() -> PcscCardDriver.open(null), CardFailure.NO_CARD, "insert the card");
    }

    @Test
    void whenThePinIsWrongThreeTimes_thenTheTriesCountDownAndTheCardBlocks() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            assertWrongPin(() -> authenticate(driver, WRONG_PIN), 2);
            assertThat(driver.pinStatus()).isEqualTo(PinStatus.ofTriesLeft(2));
            assertWrongPin(() -> authenticate(driver, WRONG_PIN), 1);
            assertThat(driver.pinStatus().finalTry()).isTrue();
            assertFailure(() -> authenticate(driver, WRONG_PIN), CardFailure.PIN_BLOCKED, "unblock");
            assertThat(driver.pinStatus()).isEqualTo(PinStatus.ofTriesLeft(0));
            assertThat(driver.pinStatus().blocked()).isTrue();

            assertFailure(() -> authenticate(driver, PcscRig.USER_PIN), CardFailure.PIN_BLOCKED, "PUK");
            assertFailure(() -> changePin(driver, PcscRig.USER_PIN, NEW_PIN), CardFailure.PIN_BLOCKED, "PUK");
        }
    }

    @Test
    void whenTheRightPinFollowsAWrongOne_thenTheCounterIsFullAgain() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            assertWrongPin(() -> authenticate(driver, WRONG_PIN), 2);
            authenticate(driver, PcscRig.USER_PIN);

            assertThat(driver.pinStatus()).isEqualTo(PinStatus.ofTriesLeft(3));
        }
    }

    @Test
    void whenThePinIsChanged_thenOnlyTheNewPinOpensTheCard() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            changePin(driver, PcscRig.USER_PIN, NEW_PIN);

            assertWrongPin(() -> authenticate(driver, PcscRig.USER_PIN), 2);
            authenticate(driver, NEW_PIN);
        }
    }

    @Test
    void whenTheCurrentPinIsWrong_thenTheChangeSpendsATry() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            assertWrongPin(() -> changePin(driver, WRONG_PIN, NEW_PIN), 2);

            authenticate(driver, PcscRig.USER_PIN);
        }
    }

    @Test
    void whenTheNewPinIsNotFourToEightDigits_thenPinPolicyAndNoTryIsSpent() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            assertFailure(() -> changePin(driver, PcscRig.USER_PIN, "12a4"), CardFailure.PIN_POLICY, "4 to 8 digits");
            assertFailure(() -> changePin(driver, PcscRig.USER_PIN, "123456789"), CardFailure.PIN_POLICY, "4 to 8 digits");
            assertFailure(() -> authenticate(driver, "12"), CardFailure.PIN_POLICY, "4 to 8 digits");

            assertThat(driver.pinStatus()).isEqualTo(PinStatus.ofTriesLeft(3));
        }
    }

    @Test
    void whenTheBlockedPinIsUnblockedWithThePuk_thenTheNewPinWorksWithFullTries() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            blockPin(driver);

            unblock(driver, PcscRig.PUK, NEW_PIN);

            assertThat(driver.pinStatus()).isEqualTo(PinStatus.ofTriesLeft(3));
            assertWrongPin(() -> authenticate(driver, PcscRig.USER_PIN), 2);
            authenticate(driver, NEW_PIN);
        }
    }

    @Test
    void whenTheServerAnswersTheCardChallenge_thenTheBlockedPinIsResetWithoutThePuk() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            blockPin(driver);
            CardSerial serial = new CardSerial(driver.info().serialNumber());

            byte[] challenge = driver.unblockChallenge();
            byte[] response = PcscRig.ISSUER_SECRETS.unblockResponse(serial, challenge);
            try (Pin replacement = PcscRig.pin(NEW_PIN)) {
                driver.unblockWithResponse(response, replacement);
            }

            assertThat(driver.pinStatus()).isEqualTo(PinStatus.ofTriesLeft(3));
            assertThat(rig.card().state().pukTriesLeft()).as("the PUK was not used").isEqualTo(10);
            authenticate(driver, NEW_PIN).close();
        }
    }

    @Test
    void whenTheResponseIsForAnotherChallenge_thenTheUnblockKeySpendsATryAndThePinStaysBlocked() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            blockPin(driver);
            CardSerial serial = new CardSerial(driver.info().serialNumber());
            byte[] staleResponse = PcscRig.ISSUER_SECRETS.unblockResponse(serial, driver.unblockChallenge());
            driver.unblockChallenge();

            try (Pin replacement = PcscRig.pin(NEW_PIN)) {
                assertThatThrownBy(() -> driver.unblockWithResponse(staleResponse, replacement))
                        .isInstanceOfSatisfying(CardException.class, failure -> {
                            assertThat(failure.failure()).isEqualTo(CardFailure.WRONG_UNBLOCK_SECRET);
                            assertThat(failure.triesLeft()).hasValue(9);
                        });
            }
            assertThat(driver.pinStatus().blocked()).isTrue();
        }
    }

    @Test
    void whenThePukIsWrong_thenItsOwnTriesCountDownUntilItIsBlockedForGood() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            blockPin(driver);
            for (int triesLeft = 9; triesLeft > 0; triesLeft--) {
                int expected = triesLeft;
                assertThatThrownBy(() -> unblock(driver, WRONG_PUK, NEW_PIN))
                        .isInstanceOfSatisfying(CardException.class, failure -> {
                            assertThat(failure.failure()).isEqualTo(CardFailure.WRONG_UNBLOCK_SECRET);
                            assertThat(failure.triesLeft()).isEqualTo(OptionalInt.of(expected));
                            assertThat(failure.getMessage()).doesNotContain(WRONG_PUK);
                        });
            }
            assertFailure(() -> unblock(driver, WRONG_PUK, NEW_PIN), CardFailure.UNBLOCK_SECRET_BLOCKED, "replaced");
            assertFailure(() -> unblock(driver, PcscRig.PUK, NEW_PIN), CardFailure.UNBLOCK_SECRET_BLOCKED, "replaced");
            assertThat(driver.pinStatus().blocked()).isTrue();
        }
    }

    @Test
    void whenTheUnblockCodeIsMalformed_thenNoTryIsSpent() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            assertFailure(() -> unblock(driver, "123", NEW_PIN), CardFailure.WRONG_UNBLOCK_SECRET, "8 to 16");

            assertThat(rig.card().state().pukTriesLeft()).isEqualTo(10);
        }
    }

    @Test
    void whenTheCardIsPulledOutDuringAPinChange_thenCardRemoved() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            rig.link().unplugOn(command -> command.getINS() == Instruction.CHANGE_REFERENCE_DATA);

            assertFailure(() -> changePin(driver, PcscRig.USER_PIN, NEW_PIN), CardFailure.CARD_REMOVED, "removed");
        }
        rig.awaitCardGone();
        assertThat(rig.card().state().userPinTriesLeft()).isEqualTo(3);
    }

    @Test
    void whenTheCardIsPulledOutWhileItGeneratesAKey_thenCardRemoved() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName());
             AuthenticatedCard card = authenticate(driver, PcscRig.USER_PIN)) {
            rig.link().unplugOn(command -> command.getINS() == Instruction.GENERATE_ASYMMETRIC_KEY_PAIR);

            assertFailure(() -> card.generateKeyPair(KeyRole.SIGNATURE, KeySpec.RSA_2048), CardFailure.CARD_REMOVED, "removed");
        }
    }

    @Test
    void whenTheCardWasRemovedSinceTheDriverOpened_thenTheNextOperationSaysCardRemoved() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            rig.removeCard();

            assertFailure(driver::info, CardFailure.CARD_REMOVED, "removed");
        }
    }

    @Test
    void whenTheCardIsPersonalised_thenItsKeysSignAndItsCertificatesAreReadBack() throws Exception {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            try (AuthenticatedCard card = authenticate(driver, PcscRig.USER_PIN)) {
                assertThat(card.publicKey(KeyRole.SIGNATURE)).isEmpty();
                PublicKey signatureKey = card.generateKeyPair(KeyRole.SIGNATURE, KeySpec.RSA_2048);
                PublicKey authenticationKey = card.generateKeyPair(KeyRole.AUTHENTICATION, KeySpec.RSA_2048);

                assertThat(((RSAPublicKey) signatureKey).getModulus().bitLength()).isEqualTo(2048);
                assertThat(card.publicKey(KeyRole.SIGNATURE)).contains(signatureKey);
                assertThat(authenticationKey).isNotEqualTo(signatureKey);

                byte[] document = "Acte d'état civil n° 42".getBytes(StandardCharsets.UTF_8);
                assertThat(verifies(signatureKey, "SHA256withRSA", document,
                        card.sign(KeyRole.SIGNATURE, SignatureAlgorithm.SHA256_WITH_RSA, document))).isTrue();
                byte[] challenge = HexFormat.of().parseHex("8f1e3c5a7b9d0246");
                assertThat(verifies(authenticationKey, "SHA384withRSA", challenge,
                        card.sign(KeyRole.AUTHENTICATION, SignatureAlgorithm.SHA384_WITH_RSA, challenge))).isTrue();

                X509CertificateHolder signatureCertificate = selfSignedOnCard(card, KeyRole.SIGNATURE, signatureKey);
                X509CertificateHolder authenticationCertificate = selfSignedOnCard(card, KeyRole.AUTHENTICATION, authenticationKey);
                assertThat(signatureCertificate.getEncoded().length).isGreaterThan(255);
                card.storeCertificate(KeyRole.SIGNATURE, signatureCertificate);
                card.storeCertificate(KeyRole.AUTHENTICATION, authenticationCertificate);
            }

            CardInfo info = driver.info();
            assertThat(info.certificates().get(KeyRole.SIGNATURE).isSignatureValid(
                    new JcaContentVerifierProviderBuilder().build(info.certificates().get(KeyRole.SIGNATURE)))).isTrue();
            assertThat(info.certificates()).containsKey(KeyRole.AUTHENTICATION);

            try (AuthenticatedCard card = authenticate(driver, PcscRig.USER_PIN)) {
                card.generateKeyPair(KeyRole.SIGNATURE, KeySpec.RSA_2048);
            }
            assertThat(driver.info().certificates()).containsOnlyKeys(KeyRole.AUTHENTICATION);
        }
    }

    @Test
    void whenNoKeyWasGenerated_thenSigningSaysKeyNotFound() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName());
             AuthenticatedCard card = authenticate(driver, PcscRig.USER_PIN)) {
            assertFailure(() -> card.sign(KeyRole.AUTHENTICATION, SignatureAlgorithm.SHA256_WITH_RSA, new byte[] {1}),
                    CardFailure.KEY_NOT_FOUND, "personalise");
        }
    }

    @Test
    void whenTheSessionIsClosed_thenTheKeysNeedThePinAgain() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName())) {
            AuthenticatedCard card = authenticate(driver, PcscRig.USER_PIN);
            card.generateKeyPair(KeyRole.AUTHENTICATION, KeySpec.RSA_2048);
            card.close();

            assertFailure(() -> card.sign(KeyRole.AUTHENTICATION, SignatureAlgorithm.SHA256_WITH_RSA, new byte[] {1}),
                    CardFailure.CARD_ERROR, "6982");
        }
    }

    @Test
    void whenTheKindOfKeyIsNotRsa2048_thenNotSupported() {
        try (PcscCardDriver driver = PcscCardDriver.open(rig.readerName());
             AuthenticatedCard card = authenticate(driver, PcscRig.USER_PIN)) {
            assertFailure(() -> card.generateKeyPair(KeyRole.SIGNATURE, KeySpec.EC_P256), CardFailure.NOT_SUPPORTED, "RSA 2048");
            assertFailure(() -> card.sign(KeyRole.SIGNATURE, SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[] {1}),
                    CardFailure.NOT_SUPPORTED, "RSA");
        }
    }

    private static AuthenticatedCard authenticate(PcscCardDriver driver, String digits) {
        try (Pin pin = PcscRig.pin(digits)) {
            return driver.authenticate(pin);
        }
    }

    private static void changePin(PcscCardDriver driver, String current, String replacement) {
        try (Pin currentPin = PcscRig.pin(current); Pin replacementPin = PcscRig.pin(replacement)) {
            driver.changePin(currentPin, replacementPin);
        }
    }

    private static void unblock(PcscCardDriver driver, String puk, String replacement) {
        try (Pin pukPin = PcscRig.pin(puk); Pin replacementPin = PcscRig.pin(replacement)) {
            driver.unblockPin(pukPin, replacementPin);
        }
    }

    private static void blockPin(PcscCardDriver driver) {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> authenticate(driver, WRONG_PIN)).isInstanceOf(CardException.class);
        }
        assertThat(driver.pinStatus().blocked()).isTrue();
    }

    private static void assertWrongPin(ThrowingCallable operation, int triesLeft) {
        assertThatThrownBy(operation).isInstanceOfSatisfying(CardException.class, failure -> {
            assertThat(failure.failure()).isEqualTo(CardFailure.WRONG_PIN);
            assertThat(failure.triesLeft()).isEqualTo(OptionalInt.of(triesLeft));
            assertThat(failure.getMessage()).doesNotContain(WRONG_PIN).doesNotContain(PcscRig.USER_PIN);
        });
    }

    private static void assertFailure(ThrowingCallable operation, CardFailure expected, String messagePart) {
        assertThatThrownBy(operation).isInstanceOfSatisfying(CardException.class, failure -> {
            assertThat(failure.failure()).isEqualTo(expected);
            assertThat(failure.getMessage()).contains(messagePart);
        });
    }

    private static boolean verifies(PublicKey key, String algorithm, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    /** A certificate of the card's key, signed by that key on the card (a stand-in for the CA's). */
    private static X509CertificateHolder selfSignedOnCard(AuthenticatedCard card, KeyRole role, PublicKey key) throws Exception {
        X500Name name = new X500Name("C=FR, O=Commune de Test, OU=0002 213100000, CN=Camille " + role.label().toUpperCase());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.getEpochSecond()),
                Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)), name, key);
        return builder.build(new CardContentSigner(card, role));
    }

    private static final class CardContentSigner implements ContentSigner {

        private final AuthenticatedCard card;
        private final KeyRole role;
        private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();

        CardContentSigner(AuthenticatedCard card, KeyRole role) {
            this.card = card;
            this.role = role;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return SignatureAlgorithm.SHA256_WITH_RSA.algorithmIdentifier();
        }

        @Override
        public OutputStream getOutputStream() {
            return toBeSigned;
        }

        @Override
        public byte[] getSignature() {
            return card.sign(role, SignatureAlgorithm.SHA256_WITH_RSA, toBeSigned.toByteArray());
        }
    }
}
