package fr.cartesagents.benchmarks.bridge;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;

import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.Pkcs11TokenSelection;
import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ca.token.Pkcs11Modules;

/**
 * A card stood for by a fresh SoftHSM2 token (user PIN {@link CardSecrets#USER_PIN}), reached two
 * ways through the same loaded module: the bridge's {@link Pkcs11CardDriver}, and the IAIK wrapper's
 * {@link Token} for the raw calls. SoftHSM2 itself, without the tests' PIN-counting shim: both paths
 * pay the same module. Needs {@code SOFTHSM2_CONF}, which {@code benchmarks/run.sh} provides.
 */
@State(Scope.Benchmark)
public class SoftHsmCard {

    private static final Path MODULE = Path.of(
            System.getenv().getOrDefault("SOFTHSM2_MODULE", "/usr/lib/softhsm/libsofthsm2.so"));

    private final AlternatingPin pins = new AlternatingPin();
    private Pkcs11CardDriver driver;
    private RawPkcs11Card raw;

    @Setup(Level.Trial)
    public void initialize() throws PKCS11Exception {
        if (System.getenv("SOFTHSM2_CONF") == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the benchmarks through benchmarks/run.sh");
        }
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        String label = "bench-card-" + HexFormat.of().formatHex(suffix);
        Pkcs11CryptoToken.initializeToken(MODULE, label, CardSecrets.UNBLOCK_SECRET.toCharArray(),
                CardSecrets.USER_PIN.toCharArray());
        driver = Pkcs11CardDriver.open(Pkcs11TokenSelection.byLabel(MODULE, label));
        raw = new RawPkcs11Card(token(label));
    }

    @TearDown(Level.Trial)
    public void close() {
        driver.close();
    }

    Pkcs11CardDriver driver() {
        return driver;
    }

    RawPkcs11Card raw() {
        return raw;
    }

    AlternatingPin pins() {
        return pins;
    }

    private static Token token(String label) throws PKCS11Exception {
        for (Slot slot : Pkcs11Modules.load(MODULE).getSlotList(true)) {
            Token token = slot.getToken();
            if (token.getTokenInfo().getLabel().trim().equals(label)) {
                return token;
            }
        }
        throw new IllegalStateException("The token " + label + " just initialised is not in " + MODULE);
    }
}
