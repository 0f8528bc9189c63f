package fr.cartesagents.bridge.pkcs11;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import fr.cartesagents.ca.testutil.ProcessRunner;
import fr.cartesagents.ca.testutil.RequiredTool;
import fr.cartesagents.ca.testutil.SoftHsmFixture;
import fr.cartesagents.ca.token.Pkcs11CryptoToken;

/**
 * Cards for tests: one fresh SoftHSM2 token per card, reached through a small PKCS#11 module built
 * here ({@code pin-counter/pin_counter_pkcs11.c}) that puts in front of SoftHSM2 the PIN retry
 * counters a real card has (SoftHSM2 never blocks a PIN) and lets a test pull the card out.
 */
public final class SoftHsmCards {

    public static final String USER_PIN = "2468";
    public static final String SO_PIN = "86429753";
    public static final int USER_TRIES = 3;
    public static final int SO_TRIES = 10;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static SoftHsmCards instance;

    private final SoftHsmFixture softHsm;
    private final Path counterModule;
    private final Path stateDirectory;

    private SoftHsmCards(SoftHsmFixture softHsm, Path counterModule, Path stateDirectory) {
        this.softHsm = softHsm;
        this.counterModule = counterModule;
        this.stateDirectory = stateDirectory;
    }

    public static synchronized SoftHsmCards get() {
        if (instance == null) {
            SoftHsmFixture softHsm = SoftHsmFixture.get();
            Path directory = softHsm.configFile().resolveSibling("pin-counter");
            Path stateDirectory = directory.resolve("state");
            Path module = directory.resolve("libpincounter.so");
            build(softHsm.modulePath(), directory, stateDirectory, module);
            instance = new SoftHsmCards(softHsm, module, stateDirectory);
        }
        return instance;
    }

    /** A fresh card (token) labelled {@code prefix} plus a random suffix, user PIN {@link #USER_PIN}, SO PIN {@link #SO_PIN}. */
    public TestCard newCard(String prefix) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String label = (prefix.length() > 22 ? prefix.substring(0, 22) : prefix) + "-" + HexFormat.of().formatHex(suffix);
        Pkcs11CryptoToken.initializeToken(softHsm.modulePath(), label, SO_PIN.toCharArray(), USER_PIN.toCharArray());
        try (Pkcs11CardDriver driver = Pkcs11CardDriver.open(Pkcs11TokenSelection.byLabel(counterModule, label))) {
            return new TestCard(this, label, driver.info().serialNumber());
        }
    }

    /** The PKCS#11 module with retry counters: what the tests drive. */
    public Path counterModule() {
        return counterModule;
    }

    /** SoftHSM2 itself, for independent tools (pkcs11-tool). */
    public Path softHsmModule() {
        return softHsm.modulePath();
    }

    Path stateDirectory() {
        return stateDirectory;
    }

    private static void build(Path softHsmModule, Path directory, Path stateDirectory, Path module) {
        RequiredTool compiler = RequiredTool.onPath("cc", "gcc");
        Path cc = compiler.require();
        new RequiredTool("PKCS#11 header (p11-kit)", "libp11-kit-dev",
                List.of(Path.of("/usr/include/p11-kit-1/p11-kit/pkcs11.h"))).require();
        try {
            Files.createDirectories(stateDirectory);
            Path source = directory.resolve("pin_counter_pkcs11.c");
            try (InputStream in = SoftHsmCards.class.getResourceAsStream("/pin-counter/pin_counter_pkcs11.c")) {
                Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            }
            Path built = Files.createTempFile(directory, "libpincounter", ".so");
            ProcessRunner.command(cc.toString(), "-shared", "-fPIC", "-O1", "-I/usr/include/p11-kit-1",
                    "-DTARGET_MODULE=\"" + softHsmModule + "\"", "-DSTATE_DIR=\"" + stateDirectory + "\"",
                    "-o", built.toString(), source.toString(), "-ldl").run().assertSuccess();
            Files.move(built, module, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the PIN-counting PKCS#11 module in " + directory, e);
        }
    }
}
