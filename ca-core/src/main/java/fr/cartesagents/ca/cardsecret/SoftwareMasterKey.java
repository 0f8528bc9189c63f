package fr.cartesagents.ca.cardsecret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key held in memory, read from a file of 64 hexadecimal digits: for development and
 * demonstrations only, where no HSM is at hand. Production uses {@link Pkcs11MasterKey}.
 */
public final class SoftwareMasterKey implements MasterKey {

    private static final int LENGTH = 32;

    private final SecretKeySpec key;
    private final String description;

    private SoftwareMasterKey(byte[] value, String description) {
        if (value.length != LENGTH) {
            throw new IllegalArgumentException("A master key has " + LENGTH + " bytes");
        }
        this.key = new SecretKeySpec(value, "HmacSHA256");
        this.description = description;
    }

    public static SoftwareMasterKey of(byte[] value) {
        Objects.requireNonNull(value, "value");
        return new SoftwareMasterKey(value, "software master key");
    }

    /** Reads the key from {@code file}, which must exist (a card simulator uses the server's development key). */
    public static SoftwareMasterKey read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new java.io.FileNotFoundException("No master key file " + file));
        }
        return readOrCreate(file);
    }

    /** Reads the key from {@code file}, creating it (owner-only permissions where supported) with a random key if absent. */
    public static SoftwareMasterKey readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[LENGTH];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "master-key", ".tmp");
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the directory's ACL protects it.
                }
                Files.writeString(temporary, HexFormat.of().formatHex(fresh), StandardCharsets.US_ASCII);
                Arrays.fill(fresh, (byte) 0);
                Files.move(temporary, file);
            }
            byte[] value = HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
            try {
                return new SoftwareMasterKey(value, "software master key " + file);
            } finally {
                Arrays.fill(value, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    @Override
    public byte[] hmacSha256(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
