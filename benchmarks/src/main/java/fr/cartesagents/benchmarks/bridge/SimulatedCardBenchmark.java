package fr.cartesagents.benchmarks.bridge;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.smartcardio.CardException;

import org.bouncycastle.cert.X509CertificateHolder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.personalization.Personalizer;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * Latency of the card operations through the bridge's PC/SC driver on the card simulator behind
 * real pcscd, each next to the same APDUs sent with bare {@code javax.smartcardio}
 * ({@link RawApduCard}): the difference is the driver's overhead (exclusive transaction per
 * operation, APDU building, response handling, status-word translation, PIN wiping).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SimulatedCardBenchmark {

    @Benchmark
    public void pinVerifyBridge(SimulatorInReader reader) {
        try (Pin pin = CardSecrets.pin(CardSecrets.USER_PIN); AuthenticatedCard authenticated = reader.driver().authenticate(pin)) {
            // Presenting the PIN and logging out again is the operation.
        }
    }

    @Benchmark
    public void pinVerifyRaw(SimulatorInReader reader) throws CardException {
        reader.raw().verifyPinThenLogOut(CardSecrets.userPinBlock(CardSecrets.USER_PIN));
    }

    @Benchmark
    public void pinChangeBridge(SimulatorInReader reader) {
        AlternatingPin pins = reader.pins();
        try (Pin current = CardSecrets.pin(pins.current()); Pin replacement = CardSecrets.pin(pins.replacement())) {
            reader.driver().changePin(current, replacement);
        }
        pins.changed();
    }

    @Benchmark
    public void pinChangeRaw(SimulatorInReader reader) throws CardException {
        AlternatingPin pins = reader.pins();
        reader.raw().changePin(CardSecrets.userPinBlock(pins.current()), CardSecrets.userPinBlock(pins.replacement()));
        pins.changed();
    }

    @Benchmark
    public byte[] signatureBridge(SimulatorLoggedIn card) {
        return card.bridge().sign(KeyRole.SIGNATURE, SignatureAlgorithm.SHA256_WITH_RSA, SoftHsmCardBenchmark.MESSAGE);
    }

    @Benchmark
    public byte[] signatureRaw(SimulatorLoggedIn card) throws CardException {
        return card.raw().sign(KeyRole.SIGNATURE, SoftHsmCardBenchmark.MESSAGE);
    }

    /** Not a card operation: the cost of one of the exclusive transactions the driver wraps each operation in. */
    @Benchmark
    public void transactionOnlyRaw(SimulatorInReader reader) throws CardException {
        reader.emptyTransaction();
    }

    @Benchmark
    @Warmup(iterations = 1, time = 10)
    @Measurement(iterations = 5, time = 10)
    public Map<KeyRole, List<X509CertificateHolder>> personalizationBridge(SimulatorInReader reader, InProcessCa ca) {
        try (Pin pin = CardSecrets.pin(CardSecrets.USER_PIN); AuthenticatedCard authenticated = reader.driver().authenticate(pin)) {
            return new Personalizer(ca).personalize(authenticated, InProcessCa.REQUESTED_SUBJECT);
        }
    }

    @Benchmark
    @Warmup(iterations = 1, time = 10)
    @Measurement(iterations = 5, time = 10)
    public Map<KeyRole, X509CertificateHolder> personalizationRaw(SimulatorInReader reader, InProcessCa ca)
            throws CardException, GeneralSecurityException, IOException {
        return reader.raw().personalize(CardSecrets.userPinBlock(CardSecrets.USER_PIN), ca, InProcessCa.REQUESTED_SUBJECT);
    }
}
