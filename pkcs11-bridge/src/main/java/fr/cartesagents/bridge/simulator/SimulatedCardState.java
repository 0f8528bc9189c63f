package fr.cartesagents.bridge.simulator;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.ca.cardsecret.CardSecrets;
import fr.cartesagents.ca.cardsecret.CardSerial;
import fr.cartesagents.ca.cardsecret.Puk;
import fr.cartesagents.ca.cardsecret.UnblockKey;

/**
 * What the simulated card remembers across power cycles: serial number, PIN and PUK (as salted
 * SHA-256 digests, never in clear) with their retry counters, the unblock key of the
 * challenge–response unblock (if the issuer set one) with its counter, key pairs by reference and
 * the contents of the files the bridge writes. It can be saved to and loaded from a properties file, so that a card kept
 * by the {@code simulator} command survives restarts. Not thread-safe: the card uses it one command
 * at a time.
 */
public final class SimulatedCardState {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private final byte[] serialNumber;
    private byte[] userPinDigest;
    private int userPinTriesLeft;
    private byte[] pukDigest;
    private int pukTriesLeft;
    private byte[] unblockKey;
    private int unblockKeyTriesLeft;
    private final Map<Integer, KeyPair> keyPairs = new TreeMap<>();
    private final Map<Integer, byte[]> files = new TreeMap<>();

    private SimulatedCardState(byte[] serialNumber) {
        this.serialNumber = serialNumber.clone();
    }

    /**
     * A new card with a random serial number, the given PIN and PUK (ASCII bytes, wiped by the
     * caller) and full retry counters.
     */
    public static SimulatedCardState issue(byte[] userPin, byte[] puk) {
        byte[] serial = new byte[8];
        new SecureRandom().nextBytes(serial);
        return issue(serial, userPin, puk);
    }

    public static SimulatedCardState issue(byte[] serialNumber, byte[] userPin, byte[] puk) {
        SimulatedCardState state = new SimulatedCardState(serialNumber);
        state.userPinDigest = state.digest(userPin);
        state.userPinTriesLeft = AgentCardLayout.USER_PIN_TRIES;
        state.pukDigest = state.digest(puk);
        state.pukTriesLeft = AgentCardLayout.PUK_TRIES;
        return state;
    }

    /**
     * A new card as an issuer makes it: a random serial number, the given PIN, and the PUK and
     * unblock key that {@code issuerSecrets} derive for that serial.
     */
    public static SimulatedCardState issue(CardSecrets issuerSecrets, byte[] userPin) {
        byte[] serial = new byte[8];
        new SecureRandom().nextBytes(serial);
        CardSerial cardSerial = new CardSerial(HexFormat.of().formatHex(serial));
        Puk puk = issuerSecrets.puk(cardSerial);
        UnblockKey unblockKey = issuerSecrets.unblockKey(cardSerial);
        byte[] pukBytes = puk.digits().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] key = unblockKey.value();
        try {
            return issue(serial, userPin, pukBytes).withUnblockKey(key);
        } finally {
            Arrays.fill(pukBytes, (byte) 0);
            Arrays.fill(key, (byte) 0);
            unblockKey.wipe();
        }
    }

    /**
     * The same card with the per-card AES key of the challenge–response unblock, as the issuer
     * derives it from its master key and the serial number ({@code fr.cartesagents.ca.cardsecret}).
     */
    public SimulatedCardState withUnblockKey(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("The unblock key is AES-128");
        }
        unblockKey = key.clone();
        unblockKeyTriesLeft = AgentCardLayout.UNBLOCK_KEY_TRIES;
        return this;
    }

    public byte[] serialNumber() {
        return serialNumber.clone();
    }

    public String serialNumberHex() {
        return HexFormat.of().withUpperCase().formatHex(serialNumber);
    }

    public int userPinTriesLeft() {
        return userPinTriesLeft;
    }

    public int pukTriesLeft() {
        return pukTriesLeft;
    }

    public int unblockKeyTriesLeft() {
        return unblockKeyTriesLeft;
    }

    Optional<byte[]> unblockKey() {
        return Optional.ofNullable(unblockKey).map(byte[]::clone);
    }

    void unblockKeyTriesLeft(int tries) {
        unblockKeyTriesLeft = tries;
    }

    boolean userPinMatches(byte[] candidate) {
        return MessageDigest.isEqual(userPinDigest, digest(candidate));
    }

    boolean pukMatches(byte[] candidate) {
        return MessageDigest.isEqual(pukDigest, digest(candidate));
    }

    void userPinTriesLeft(int tries) {
        userPinTriesLeft = tries;
    }

    void pukTriesLeft(int tries) {
        pukTriesLeft = tries;
    }

    void replaceUserPin(byte[] userPin) {
        userPinDigest = digest(userPin);
        userPinTriesLeft = AgentCardLayout.USER_PIN_TRIES;
    }

    void replacePuk(byte[] puk) {
        pukDigest = digest(puk);
        pukTriesLeft = AgentCardLayout.PUK_TRIES;
    }

    Optional<KeyPair> keyPair(int reference) {
        return Optional.ofNullable(keyPairs.get(reference));
    }

    void keyPair(int reference, KeyPair keyPair) {
        keyPairs.put(reference, keyPair);
    }

    /** The contents of an EF: the manufacturer's for the master file's EFs, what was written for the others. */
    byte[] file(int fileId) {
        return ManufacturerFiles.contents(fileId, serialNumber)
                .orElseGet(() -> files.getOrDefault(fileId, new byte[0]).clone());
    }

    void file(int fileId, byte[] contents) {
        files.put(fileId, contents.clone());
    }

    private byte[] digest(byte[] secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(serialNumber);
            return sha256.digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Writes the card to {@code file} (owner read/write only where the file system allows it). */
    public void save(Path file) {
        Properties properties = new Properties();
        properties.setProperty("serial", serialNumberHex());
        properties.setProperty("pin.sha256", BASE64.encodeToString(userPinDigest));
        properties.setProperty("pin.tries", Integer.toString(userPinTriesLeft));
        properties.setProperty("puk.sha256", BASE64.encodeToString(pukDigest));
        properties.setProperty("puk.tries", Integer.toString(pukTriesLeft));
        if (unblockKey != null) {
            properties.setProperty("unblock.key", BASE64.encodeToString(unblockKey));
            properties.setProperty("unblock.tries", Integer.toString(unblockKeyTriesLeft));
        }
        keyPairs.forEach((reference, pair) -> {
            properties.setProperty("key." + reference + ".private", BASE64.encodeToString(pair.getPrivate().getEncoded()));
            properties.setProperty("key." + reference + ".public", BASE64.encodeToString(pair.getPublic().getEncoded()));
        });
        files.forEach((fileId, contents) -> properties.setProperty("file." + String.format("%04X", fileId),
                BASE64.encodeToString(contents)));
        try {
            Path absolute = file.toAbsolutePath();
            Path temporary = Files.createTempFile(absolute.getParent(), ".card-", ".tmp");
            restrictToOwner(temporary);
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.ISO_8859_1)) {
                properties.store(writer, "Simulated IAS-ECC agent card (a TEST card: its keys are kept in this file)");
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the simulated card to " + file, e);
        }
    }

    public static SimulatedCardState load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the simulated card from " + file, e);
        }
        try {
            SimulatedCardState state = new SimulatedCardState(HexFormat.of().parseHex(required(properties, "serial")));
            state.userPinDigest = BASE64_DECODER.decode(required(properties, "pin.sha256"));
            state.userPinTriesLeft = Integer.parseInt(required(properties, "pin.tries"));
            state.pukDigest = BASE64_DECODER.decode(required(properties, "puk.sha256"));
            state.pukTriesLeft = Integer.parseInt(required(properties, "puk.tries"));
            if (properties.getProperty("unblock.key") != null) {
                state.unblockKey = BASE64_DECODER.decode(properties.getProperty("unblock.key"));
                state.unblockKeyTriesLeft = Integer.parseInt(required(properties, "unblock.tries"));
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            for (String name : properties.stringPropertyNames()) {
                if (name.startsWith("key.") && name.endsWith(".private")) {
                    int reference = Integer.parseInt(name.substring(4, name.length() - ".private".length()));
                    byte[] publicKey = BASE64_DECODER.decode(required(properties, "key." + reference + ".public"));
                    state.keyPairs.put(reference, new KeyPair(
                            rsa.generatePublic(new X509EncodedKeySpec(publicKey)),
                            rsa.generatePrivate(new PKCS8EncodedKeySpec(BASE64_DECODER.decode(properties.getProperty(name))))));
                } else if (name.startsWith("file.")) {
                    state.files.put(Integer.parseInt(name.substring(5), 16), BASE64_DECODER.decode(properties.getProperty(name)));
                }
            }
            return state;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a simulated card: " + e.getMessage(), e);
        }
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("'" + name + "' is missing");
        }
        return value;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own protection applies.
        }
    }

    @Override
    public String toString() {
        return "SimulatedCardState[serial=" + serialNumberHex() + ", pinTriesLeft=" + userPinTriesLeft
                + ", pukTriesLeft=" + pukTriesLeft + ", unblockKeyTriesLeft=" + unblockKeyTriesLeft + ", keys=" + keyPairs.keySet() + "]";
    }

    /** Wipes a secret the card no longer needs. */
    static void wipe(byte[] secret) {
        Arrays.fill(secret, (byte) 0);
    }
}
