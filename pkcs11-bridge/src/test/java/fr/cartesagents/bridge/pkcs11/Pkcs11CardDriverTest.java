package fr.cartesagents.bridge.pkcs11;

import static fr.cartesagents.bridge.pkcs11.TestCard.pin;
import static fr.cartesagents.bridge.pkcs11.TestCard.soPin;
import static fr.cartesagents.bridge.pkcs11.TestCard.userPin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.OptionalInt;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.CardInfo;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.PinStatus;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.SignatureAlgorithm;

class Pkcs11CardDriverTest {

    private static final byte[] MESSAGE = "challenge 4f2a".getBytes(StandardCharsets.US_ASCII);

    private TestCard card;

    @BeforeEach
    void newCard() {
        card = SoftHsmCards.get().newCard("driver");
    }

    @Test
    void whenCardIsFresh_thenInfoShowsSerialLabelReaderAndNoCertificate() {
        try (Pkcs11CardDriver driver = card.driver()) {
            CardInfo info = driver.info();
            assertThat(info.serialNumber()).isEqualTo(card.serialNumber()).isNotBlank();
            assertThat(info.tokenLabel()).contains(card.label());
            assertThat(info.atrHex()).isEmpty();
            assertThat(info.reader()).isNotBlank();
            assertThat(info.pinStatus()).isEqualTo(new PinStatus(OptionalInt.empty(), false, false, false));
            assertThat(info.certificates()).isEmpty();
            assertThat(driver.capabilities().generatesKeys()).isTrue();
            assertThat(driver.capabilities().signs()).isTrue();
        }
    }

    @Test
    void whenRsaKeyGenerated_thenItSignsPkcs1WithDigestInfo() throws Throwable {
        withCard(authenticated -> {
            PublicKey key = authenticated.generateKeyPair(KeyRole.SIGNATURE, KeySpec.RSA_2048);
            assertThat(key).isInstanceOf(RSAPublicKey.class);
            assertThat(((RSAPublicKey) key).getModulus().bitLength()).isEqualTo(2048);
            assertThat(authenticated.publicKey(KeyRole.SIGNATURE)).contains(key);
            assertThat(authenticated.publicKey(KeyRole.AUTHENTICATION)).isEmpty();
            byte[] signature = authenticated.sign(KeyRole.SIGNATURE, SignatureAlgorithm.SHA256_WITH_RSA, MESSAGE);
            assertThat(verifies("SHA256withRSA", key, signature)).isTrue();
            byte[] sha384 = authenticated.sign(KeyRole.SIGNATURE, SignatureAlgorithm.SHA384_WITH_RSA, MESSAGE);
            assertThat(verifies("SHA384withRSA", key, sha384)).isTrue();
        });
    }

    @Test
    void whenEcKeyGenerated_thenItSignsDerEcdsa() throws Throwable {
        withCard(authenticated -> {
            PublicKey key = authenticated.generateKeyPair(KeyRole.AUTHENTICATION, KeySpec.EC_P256);
            assertThat(key).isInstanceOf(ECPublicKey.class);
            byte[] signature = authenticated.sign(KeyRole.AUTHENTICATION, SignatureAlgorithm.SHA256_WITH_ECDSA, MESSAGE);
            assertThat(signature[0]).isEqualTo((byte) 0x30);
            assertThat(verifies("SHA256withECDSA", key, signature)).isTrue();
            assertThatThrownBy(() -> authenticated.sign(KeyRole.AUTHENTICATION, SignatureAlgorithm.SHA256_WITH_RSA, MESSAGE))
                    .isInstanceOfSatisfying(CardException.class, e -> assertThat(e.failure()).isEqualTo(CardFailure.NOT_SUPPORTED));
        });
    }

    @Test
    void whenNoKeyForRole_thenSignIsKeyNotFound() throws Throwable {
        withCard(authenticated -> assertThatThrownBy(
                () -> authenticated.sign(KeyRole.SIGNATURE, SignatureAlgorithm.SHA256_WITH_RSA, MESSAGE))
                .isInstanceOfSatisfying(CardException.class, e -> assertThat(e.failure()).isEqualTo(CardFailure.KEY_NOT_FOUND)));
    }

    @Test
    void whenCertificateStored_thenInfoShowsItUnderItsRole_andANewKeyPairRemovesIt() throws Throwable {
        withCard(authenticated -> {
            PublicKey first = authenticated.generateKeyPair(KeyRole.AUTHENTICATION, KeySpec.RSA_2048);
            X509CertificateHolder certificate = certify(first);
            authenticated.storeCertificate(KeyRole.AUTHENTICATION, certificate);
            try (Pkcs11CardDriver driver = card.driver()) {
                assertThat(driver.info().certificates()).containsOnlyKeys(KeyRole.AUTHENTICATION)
                        .containsEntry(KeyRole.AUTHENTICATION, certificate);
            }
            // storing again replaces, never duplicates
            X509CertificateHolder renewed = certify(first);
            authenticated.storeCertificate(KeyRole.AUTHENTICATION, renewed);
            try (Pkcs11CardDriver driver = card.driver()) {
                assertThat(driver.info().certificates()).containsEntry(KeyRole.AUTHENTICATION, renewed);
            }

            PublicKey second = authenticated.generateKeyPair(KeyRole.AUTHENTICATION, KeySpec.RSA_2048);
            assertThat(second).isNotEqualTo(first);
            assertThat(authenticated.publicKey(KeyRole.AUTHENTICATION)).contains(second);
            assertThat(verifies("SHA256withRSA", second,
                    authenticated.sign(KeyRole.AUTHENTICATION, SignatureAlgorithm.SHA256_WITH_RSA, MESSAGE))).isTrue();
            try (Pkcs11CardDriver driver = card.driver()) {
                assertThat(driver.info().certificates()).isEmpty();
            }
        });
    }

    @Test
    void whenCertificateIsForAnotherKey_thenItIsRefused() throws Throwable {
        withCard(authenticated -> {
            authenticated.generateKeyPair(KeyRole.SIGNATURE, KeySpec.RSA_2048);
            X509CertificateHolder other = certify(rsaKeyPair().getPublic());
            assertThatThrownBy(() -> authenticated.storeCertificate(KeyRole.SIGNATURE, other))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not certify");
        });
    }

    @Test
    void whenPinChanged_thenOnlyTheNewPinWorks() {
        try (Pkcs11CardDriver driver = card.driver()) {
            driver.changePin(userPin(), pin("7315"));
            driver.authenticate(pin("7315")).close();
            assertThat(failureOf(() -> driver.authenticate(userPin()).close()).failure()).isEqualTo(CardFailure.WRONG_PIN);
        }
    }

    @Test
    void whenCurrentPinIsWrongOnChange_thenWrongPinAndATryIsSpent() {
        try (Pkcs11CardDriver driver = card.driver()) {
            CardException wrong = failureOf(() -> driver.changePin(pin("0000"), pin("7315")));
            assertThat(wrong.failure()).isEqualTo(CardFailure.WRONG_PIN);
            assertThat(driver.pinStatus().low()).isTrue();
            driver.authenticate(userPin()).close();
            assertThat(driver.pinStatus().low()).isFalse();
        }
    }

    @Test
    void whenCardRefusesTheNewPinLength_thenPinPolicy() {
        try (Pkcs11CardDriver driver = card.driver()) {
            CardException refused = failureOf(() -> driver.changePin(userPin(), pin("12")));
            assertThat(refused.failure()).isEqualTo(CardFailure.PIN_POLICY);
            CardException initRefused = failureOf(() -> driver.unblockPin(soPin(), pin("12")));
            assertThat(initRefused.failure()).isEqualTo(CardFailure.PIN_POLICY);
            driver.authenticate(userPin()).close();
        }
    }

    @Test
    void whenWrongPinRepeated_thenTriesCountDownToBlocked_andTheSoPinUnblocks() {
        try (Pkcs11CardDriver driver = card.driver()) {
            CardException first = failureOf(() -> driver.authenticate(pin("1111")));
            assertThat(first.failure()).isEqualTo(CardFailure.WRONG_PIN);
            assertThat(first.triesLeft()).isEmpty();
            assertThat(first.getMessage()).contains("few tries left");
            assertThat(driver.pinStatus()).isEqualTo(new PinStatus(OptionalInt.empty(), true, false, false));

            CardException second = failureOf(() -> driver.authenticate(pin("2222")));
            assertThat(second.failure()).isEqualTo(CardFailure.WRONG_PIN);
            assertThat(second.triesLeft()).hasValue(1);
            assertThat(second.getMessage()).contains("1 try left");
            assertThat(driver.pinStatus().finalTry()).isTrue();

            CardException third = failureOf(() -> driver.authenticate(pin("3333")));
            assertThat(third.failure()).isEqualTo(CardFailure.PIN_BLOCKED);
            assertThat(driver.pinStatus().blocked()).isTrue();
            assertThat(driver.info().pinStatus().triesLeft()).hasValue(0);

            assertThat(failureOf(() -> driver.authenticate(userPin())).failure()).isEqualTo(CardFailure.PIN_BLOCKED);
            assertThat(failureOf(() -> driver.changePin(userPin(), pin("7315"))).failure()).isEqualTo(CardFailure.PIN_BLOCKED);

            driver.unblockPin(soPin(), pin("5791"));
            assertThat(driver.pinStatus()).isEqualTo(new PinStatus(OptionalInt.empty(), false, false, false));
            driver.authenticate(pin("5791")).close();
            for (CardException e : new CardException[] {first, second, third}) {
                assertThat(e.getMessage()).doesNotContain("1111", "2222", "3333", SoftHsmCards.USER_PIN);
            }
        }
    }

    @Test
    void whenSoPinIsWrong_thenWrongUnblockSecret_andAfterTenTriesItIsBlocked() {
        try (Pkcs11CardDriver driver = card.driver()) {
            CardException wrong = failureOf(() -> driver.unblockPin(pin("00000000"), pin("5791")));
            assertThat(wrong.failure()).isEqualTo(CardFailure.WRONG_UNBLOCK_SECRET);
            driver.authenticate(userPin()).close();
            for (int attempt = 2; attempt < SoftHsmCards.SO_TRIES; attempt++) {
                assertThat(failureOf(() -> driver.unblockPin(pin("00000000"), pin("5791"))).failure())
                        .isEqualTo(CardFailure.WRONG_UNBLOCK_SECRET);
            }
            assertThat(failureOf(() -> driver.unblockPin(pin("00000000"), pin("5791"))).failure())
                    .isEqualTo(CardFailure.UNBLOCK_SECRET_BLOCKED);
            assertThat(failureOf(() -> driver.unblockPin(soPin(), pin("5791"))).failure())
                    .isEqualTo(CardFailure.UNBLOCK_SECRET_BLOCKED);
        }
    }

    @Test
    void whenCardIsRemovedDuringAnOperation_thenCardRemoved_andNoCardAfterwards() {
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(userPin())) {
            authenticated.generateKeyPair(KeyRole.SIGNATURE, KeySpec.EC_P256);
            card.remove();
            try {
                assertThat(failureOf(() -> authenticated.sign(KeyRole.SIGNATURE, SignatureAlgorithm.SHA256_WITH_ECDSA, MESSAGE))
                        .failure()).isEqualTo(CardFailure.CARD_REMOVED);
                assertThat(failureOf(card::driver).failure()).isEqualTo(CardFailure.NO_CARD);
            } finally {
                card.insert();
            }
        }
    }

    @Test
    void whenNothingMatchesTheSelection_thenNoCardOrNoReaderOrMiddlewareError() {
        Path module = SoftHsmCards.get().counterModule();
        assertThat(failureOf(() -> Pkcs11CardDriver.open(Pkcs11TokenSelection.byLabel(module, "no-such-card"))).failure())
                .isEqualTo(CardFailure.NO_CARD);
        assertThat(failureOf(() -> Pkcs11CardDriver.open(Pkcs11TokenSelection.bySlotIndex(module, 10_000))).failure())
                .isEqualTo(CardFailure.NO_READER);
        CardException missing = failureOf(() -> Pkcs11CardDriver.open(
                Pkcs11TokenSelection.byLabel(Path.of("/nonexistent/libmiddleware.so"), "x")));
        assertThat(missing.failure()).isEqualTo(CardFailure.MIDDLEWARE_ERROR);
        assertThat(missing.getMessage()).contains("/nonexistent/libmiddleware.so");
    }

    private void withCard(ThrowingConsumer<AuthenticatedCard> work) throws Throwable {
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(userPin())) {
            work.accept(authenticated);
        }
    }

    static CardException failureOf(Runnable operation) {
        try {
            operation.run();
        } catch (CardException e) {
            return e;
        }
        throw new AssertionError("expected a CardException");
    }

    private static boolean verifies(String algorithm, PublicKey key, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(MESSAGE);
        return verifier.verify(signature);
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A certificate for {@code key} from a throwaway issuer. */
    static X509CertificateHolder certify(PublicKey key) throws Exception {
        KeyPair issuer = rsaKeyPair();
        Instant now = Instant.now();
        return new X509v3CertificateBuilder(new X500Name("CN=Test issuer"), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name("CN=Test holder"),
                SubjectPublicKeyInfo.getInstance(key.getEncoded()))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate()));
    }
}
