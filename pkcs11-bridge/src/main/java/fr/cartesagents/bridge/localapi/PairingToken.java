package fr.cartesagents.bridge.localapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The secret the portal page sends as {@code Authorization: Bearer ...}. It is drawn once (256 random
 * bits), kept in a file only its owner may read, and reused at every start so that a paired portal
 * stays paired. Deleting the file un-pairs every portal.
 */
final class PairingToken {

    private static final int RANDOM_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final String value;
    private final byte[] digest;

    private PairingToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /** {@code $XDG_CONFIG_HOME/cartes-agents/bridge-pairing-token}, or under {@code ~/.config}. */
    static Path defaultFile() {
        String configHome = System.getenv("XDG_CONFIG_HOME");
        Path base = configHome != null && !configHome.isBlank()
                ? Path.of(configHome) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("cartes-agents").resolve("bridge-pairing-token");
    }

    /** Reads the token of {@code file}, or draws one and writes it there (mode 0600) on the first start. */
    static PairingToken loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                restrictToOwner(file, OWNER_ONLY_FILE);
                String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (stored.length() >= 32) {
                    return new PairingToken(stored);
                }
            }
            Path directory = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                restrictToOwner(directory, OWNER_ONLY_DIRECTORY);
            }
            byte[] random = new byte[RANDOM_BYTES];
            new SecureRandom().nextBytes(random);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path temporary = directory.resolve(file.getFileName() + ".new");
            Files.deleteIfExists(temporary);
            if (isPosix()) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } else {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, value + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new PairingToken(value);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("Another bridge is creating the pairing token " + file + ": start again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the pairing token " + file, e);
        }
    }

    /** The token, for the answer to a successful pairing only. */
    String value() {
        return value;
    }

    /** Compares in constant time (digests of equal length), so the answer time tells nothing about the token. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static void restrictToOwner(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (isPosix()) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PairingToken[redacted]";
    }
}
