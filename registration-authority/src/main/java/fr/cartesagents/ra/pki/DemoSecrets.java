package fr.cartesagents.ra.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The demo ceremony's secrets (token PINs, PKCS#12 passwords, the SoftHSM2 token label), generated
 * at random and kept in {@code pki/demo-secrets.properties}, readable by the owner only. A
 * production deployment takes them from its configuration instead.
 */
final class DemoSecrets {

    static final String FILE_NAME = "demo-secrets.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Properties values;

    private DemoSecrets(Properties values) {
        this.values = values;
    }

    static DemoSecrets empty() {
        return new DemoSecrets(new Properties());
    }

    static DemoSecrets read(Path file) throws IOException {
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(reader);
        }
        return new DemoSecrets(values);
    }

    /** A fresh random secret of 128 bits or more, in URL-safe Base64 (so also a valid PIN for SoftHSM2). */
    static String randomSecret() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String generate(String key) {
        String secret = randomSecret();
        values.setProperty(key, secret);
        return secret;
    }

    void put(String key, String value) {
        values.setProperty(key, value);
    }

    String get(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("The demo PKI secrets file has no entry " + key);
        }
        return value;
    }

    String getOrDefault(String key, String defaultValue) {
        return values.getProperty(key, defaultValue);
    }

    /** Written aside then moved in place: a crash never leaves the PINs half-written. */
    void write(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        OwnerOnlyFiles.createEmpty(temporary);
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            values.store(writer, "Demo PKI secrets: token PINs and key store passwords. Keep this file private.");
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
