package fr.cartesagents.ca.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;

import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ca.token.Pkcs11Settings;

/**
 * SoftHSM2 for tests: a private token directory per Maven module and a fresh, uniquely labelled
 * token per test.
 *
 * <p>SoftHSM2 reads the configuration named by the environment variable {@code SOFTHSM2_CONF} once,
 * when the module is initialised, and a JVM cannot change its own environment: so the module's
 * surefire configuration must set it, e.g.
 *
 * <pre>{@code
 * <environmentVariables>
 *   <SOFTHSM2_CONF>${project.build.directory}/softhsm/softhsm2.conf</SOFTHSM2_CONF>
 * </environmentVariables>
 * }</pre>
 *
 * The fixture writes that file (tokens under {@code tokens/} next to it) if it does not exist yet.
 */
public final class SoftHsmFixture {

    /** Security-officer PIN of every token the fixture creates. */
    private static final String SO_PIN = "so-pin-0000";
    private static final int MAX_LABEL_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static SoftHsmFixture instance;

    private final Path modulePath;
    private final Path configFile;
    private final Path tokenDirectory;

    private SoftHsmFixture(Path modulePath, Path configFile, Path tokenDirectory) {
        this.modulePath = modulePath;
        this.configFile = configFile;
        this.tokenDirectory = tokenDirectory;
    }

    /**
     * The fixture of this JVM. Fails in CI (aborts elsewhere) if SoftHSM2 is not installed; fails if
     * {@code SOFTHSM2_CONF} is not set.
     */
    public static synchronized SoftHsmFixture get() {
        if (instance == null) {
            Path module = RequiredTool.softHsm2().require();
            String conf = System.getenv("SOFTHSM2_CONF");
            if (conf == null || conf.isBlank()) {
                throw new AssertionError("SOFTHSM2_CONF is not set: add <SOFTHSM2_CONF>${project.build.directory}/softhsm/"
                        + "softhsm2.conf</SOFTHSM2_CONF> to <environmentVariables> of maven-surefire-plugin in this module's pom.xml");
            }
            Path configFile = Path.of(conf).toAbsolutePath();
            Path tokenDirectory = configFile.resolveSibling("tokens");
            writeConfigurationIfAbsent(configFile, tokenDirectory);
            instance = new SoftHsmFixture(module, configFile, tokenDirectory);
        }
        return instance;
    }

    /** The SoftHSM2 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}. */
    public Path modulePath() {
        return modulePath;
    }

    /** The security-officer PIN of every token created by {@link #newToken}. */
    public char[] soPin() {
        return SO_PIN.toCharArray();
    }

    public Path configFile() {
        return configFile;
    }

    public Path tokenDirectory() {
        return tokenDirectory;
    }

    /**
     * Initialises a fresh token labelled {@code labelPrefix} plus a random suffix (at most 32
     * characters in all) with a random user PIN, and returns the settings to open it.
     */
    public Pkcs11Settings newToken(String labelPrefix) {
        String suffix = "-" + HexFormat.of().formatHex(randomBytes(4));
        String prefix = labelPrefix.length() + suffix.length() > MAX_LABEL_LENGTH
                ? labelPrefix.substring(0, MAX_LABEL_LENGTH - suffix.length())
                : labelPrefix;
        String label = prefix + suffix;
        char[] userPin = HexFormat.of().formatHex(randomBytes(6)).toCharArray();
        Pkcs11CryptoToken.initializeToken(modulePath, label, soPin(), userPin);
        return new Pkcs11Settings(modulePath, label, userPin);
    }

    /** {@link #newToken} then open it: the common case for a test that just needs a token. */
    public Pkcs11CryptoToken openNewToken(String labelPrefix) {
        return Pkcs11CryptoToken.open(newToken(labelPrefix));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void writeConfigurationIfAbsent(Path configFile, Path tokenDirectory) {
        try {
            Files.createDirectories(tokenDirectory);
            if (Files.exists(configFile)) {
                return;
            }
            String configuration = """
                    # Written by SoftHsmFixture for tests; delete it to get a fresh one.
                    directories.tokendir = %s
                    objectstore.backend = file
                    log.level = ERROR
                    slots.removable = false
                    """.formatted(tokenDirectory);
            // Several test JVMs of the same module may race to write it: write aside, then move in one step.
            Path temporary = Files.createTempFile(configFile.getParent(), "softhsm2", ".conf.tmp");
            Files.writeString(temporary, configuration, StandardCharsets.UTF_8);
            Files.move(temporary, configFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare SoftHSM2 configuration " + configFile, e);
        }
    }
}
