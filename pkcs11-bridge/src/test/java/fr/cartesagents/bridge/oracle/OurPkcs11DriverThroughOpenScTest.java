package fr.cartesagents.bridge.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.util.List;
import java.util.Map;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.Pkcs11TokenSelection;
import fr.cartesagents.bridge.testsupport.OpenSc;
import fr.cartesagents.bridge.testsupport.PcscRig;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * The reverse of {@link OpenScReadsThePersonalizedCardTest}: the bridge's PKCS#11 driver, loaded
 * with OpenSC's opensc-pkcs11.so, drives the same simulated IAS-ECC card that our PC/SC driver
 * personalized — PIN change, wrong PIN down to blocked, unblock with the PUK, signatures with both
 * keys — so both of our drivers reach the same card, and each sees what the other did.
 */
class OurPkcs11DriverThroughOpenScTest {

    private static final String NEW_PIN = "5678";
    private static final String PIN_AFTER_UNBLOCK = "13572468";

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    @TempDir
    Path directory;

    private Map<KeyRole, List<X509CertificateHolder>> chains;

    @BeforeEach
    void personalizeWithOurBridge() {
        chains = PersonalizedOverPcsc.personalize(rig, directory.resolve("ca"));
    }

    @Test
    void whenOurPkcs11DriverUsesOpenSc_thenPinChangeBlockUnblockAndSignaturesWorkOnTheSimulatedCard() throws Exception {
        try (Pkcs11CardDriver driver = Pkcs11CardDriver.open(Pkcs11TokenSelection.onlyToken(OpenSc.pkcs11Module()))) {
            assertThat(driver.info().certificates()).containsOnlyKeys(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE);

            try (Pin current = PcscRig.pin(PcscRig.USER_PIN); Pin replacement = PcscRig.pin(NEW_PIN)) {
                driver.changePin(current, replacement);
            }
            assertThat(rig.card().state().userPinTriesLeft()).isEqualTo(3);

            for (int triesLeft = 2; triesLeft >= 1; triesLeft--) {
                int expected = triesLeft;
                assertThatThrownBy(() -> authenticate(driver, PcscRig.USER_PIN))
                        .isInstanceOfSatisfying(CardException.class, failure -> {
                            assertThat(failure.failure()).isEqualTo(CardFailure.WRONG_PIN);
                            assertThat(rig.card().state().userPinTriesLeft()).isEqualTo(expected);
                        });
            }
            assertThatThrownBy(() -> authenticate(driver, PcscRig.USER_PIN)).isInstanceOf(CardException.class);
            assertThat(rig.card().state().userPinTriesLeft()).isZero();
            assertThatThrownBy(() -> authenticate(driver, NEW_PIN))
                    .isInstanceOfSatisfying(CardException.class,
                            failure -> assertThat(failure.failure()).isEqualTo(CardFailure.PIN_BLOCKED));

            try (Pin puk = PcscRig.pin(PcscRig.PUK); Pin replacement = PcscRig.pin(PIN_AFTER_UNBLOCK)) {
                driver.unblockPin(puk, replacement);
            }
            assertThat(rig.card().state().userPinTriesLeft()).isEqualTo(3);

            byte[] document = "Délibération du conseil municipal".getBytes(StandardCharsets.UTF_8);
            try (Pin pin = PcscRig.pin(PIN_AFTER_UNBLOCK); AuthenticatedCard card = driver.authenticate(pin)) {
                for (KeyRole role : KeyRole.values()) {
                    byte[] signature = card.sign(role, SignatureAlgorithm.SHA256_WITH_RSA, document);
                    Signature verifier = Signature.getInstance("SHA256withRSA");
                    verifier.initVerify(new JcaX509CertificateConverter().getCertificate(chains.get(role).get(0)).getPublicKey());
                    verifier.update(document);
                    assertThat(verifier.verify(signature)).as(role.name()).isTrue();
                }
            }
        }

        try (PcscCardDriver ours = PcscCardDriver.open(rig.readerName()); Pin pin = PcscRig.pin(PIN_AFTER_UNBLOCK)) {
            ours.authenticate(pin).close();
        }
    }

    /**
     * OpenSC presents the PUK for a security-officer login (its unblock style), but the card's
     * PKCS#15 names no SO PIN, so C_SetPIN in that session has nothing to change: the personalization
     * must replace the PUK through PC/SC. The driver says so, and no try is spent.
     */
    @Test
    void whenOurPkcs11DriverTriesToChangeThePukThroughOpenSc_thenItIsNotSupported_andThePukAndItsTriesAreUntouched() {
        try (Pkcs11CardDriver driver = Pkcs11CardDriver.open(Pkcs11TokenSelection.onlyToken(OpenSc.pkcs11Module()));
             Pin transport = PcscRig.pin(PcscRig.PUK); Pin replacement = PcscRig.pin("27182818")) {
            assertThatThrownBy(() -> driver.changeUnblockSecret(transport, replacement))
                    .isInstanceOfSatisfying(CardException.class, failure -> {
                        assertThat(failure.failure()).isEqualTo(CardFailure.NOT_SUPPORTED);
                        assertThat(failure.getMessage()).contains("PC/SC");
                    });
        }
        assertThat(rig.card().state().pukTriesLeft()).isEqualTo(10);
        try (PcscCardDriver ours = PcscCardDriver.open(rig.readerName()); Pin puk = PcscRig.pin(PcscRig.PUK)) {
            ours.verifyUnblockSecret(puk);
        }
    }

    private static void authenticate(Pkcs11CardDriver driver, String digits) {
        try (Pin pin = PcscRig.pin(digits)) {
            driver.authenticate(pin).close();
        }
    }
}
