package fr.cartesagents.benchmarks.bridge;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.cert.X509CertificateHolder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.personalization.Personalizer;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * Latency of the card operations through the bridge's PKCS#11 driver on SoftHSM2, each next to the
 * bare PKCS#11 calls of the same job on the IAIK wrapper ({@link RawPkcs11Card}): the difference is
 * the bridge's overhead (driver, session handling, lookups, error translation, PIN wiping).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SoftHsmCardBenchmark {

    /** About the size of the CMS signed attributes the card signs. */
    static final byte[] MESSAGE = new byte[256];

    static {
        new Random(20261125).nextBytes(MESSAGE);
    }

    @Benchmark
    public void pinVerifyBridge(SoftHsmCard card) {
        try (Pin pin = CardSecrets.pin(CardSecrets.USER_PIN); AuthenticatedCard authenticated = card.driver().authenticate(pin)) {
            // Presenting the PIN and logging out again is the operation.
        }
    }

    @Benchmark
    public void pinVerifyRaw(SoftHsmCard card) throws PKCS11Exception {
        card.raw().verifyPin(CardSecrets.USER_PIN.toCharArray());
    }

    @Benchmark
    public void pinChangeBridge(SoftHsmCard card) {
        AlternatingPin pins = card.pins();
        try (Pin current = CardSecrets.pin(pins.current()); Pin replacement = CardSecrets.pin(pins.replacement())) {
            card.driver().changePin(current, replacement);
        }
        pins.changed();
    }

    @Benchmark
    public void pinChangeRaw(SoftHsmCard card) throws PKCS11Exception {
        AlternatingPin pins = card.pins();
        card.raw().changePin(pins.current().toCharArray(), pins.replacement().toCharArray());
        pins.changed();
    }

    @Benchmark
    public byte[] signatureBridge(SoftHsmLoggedIn card) {
        return card.bridge().sign(KeyRole.SIGNATURE, SignatureAlgorithm.SHA256_WITH_RSA, MESSAGE);
    }

    @Benchmark
    public byte[] signatureRaw(SoftHsmLoggedIn card) throws PKCS11Exception {
        return RawPkcs11Card.sign(card.rawSession(), card.rawSignatureKey(), MESSAGE);
    }

    @Benchmark
    @Warmup(iterations = 1, time = 10)
    @Measurement(iterations = 5, time = 10)
    public Map<KeyRole, List<X509CertificateHolder>> personalizationBridge(BlankSoftHsmCard blank, InProcessCa ca) {
        try (Pin pin = CardSecrets.pin(CardSecrets.USER_PIN); AuthenticatedCard authenticated = blank.card().driver().authenticate(pin)) {
            return new Personalizer(ca).personalize(authenticated, InProcessCa.REQUESTED_SUBJECT);
        }
    }

    @Benchmark
    @Warmup(iterations = 1, time = 10)
    @Measurement(iterations = 5, time = 10)
    public Map<KeyRole, X509CertificateHolder> personalizationRaw(BlankSoftHsmCard blank, InProcessCa ca)
            throws PKCS11Exception, GeneralSecurityException, IOException {
        return blank.card().raw().personalize(CardSecrets.USER_PIN.toCharArray(), ca, InProcessCa.REQUESTED_SUBJECT);
    }
}
