package fr.cartesagents.benchmarks.bridge;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.ca.token.KeySpec;

/**
 * The simulated card with its PIN verified and an RSA 2048 signature key generated on it, for the
 * signature benchmarks. The card's security status is the card's own, so the raw connection signs
 * under the same verified PIN.
 */
@State(Scope.Benchmark)
public class SimulatorLoggedIn {

    private AuthenticatedCard bridge;
    private RawApduCard raw;

    @Setup(Level.Trial)
    public void logIn(SimulatorInReader reader) {
        try (Pin pin = CardSecrets.pin(CardSecrets.USER_PIN)) {
            bridge = reader.driver().authenticate(pin);
        }
        bridge.generateKeyPair(KeyRole.SIGNATURE, KeySpec.RSA_2048);
        raw = reader.raw();
    }

    @TearDown(Level.Trial)
    public void logOut() {
        bridge.close();
    }

    AuthenticatedCard bridge() {
        return bridge;
    }

    RawApduCard raw() {
        return raw;
    }
}
