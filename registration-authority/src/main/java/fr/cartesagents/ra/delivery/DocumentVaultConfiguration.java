package fr.cartesagents.ra.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import fr.cartesagents.ra.config.CartesDataDirectory;

/**
 * The document key: {@code cartes.delivery.document-key-file} when configured (required under the
 * {@code production} profile, which creates no key), otherwise generated once in the data directory
 * ({@code delivery/document-key}, readable by the owner only) and reused at every start.
 */
@Configuration(proxyBeanMethods = false)
class DocumentVaultConfiguration {

    static final String DEMO_KEY_FILE = "document-key";
    private static final Logger LOG = LoggerFactory.getLogger(DocumentVaultConfiguration.class);

    @Bean
    DocumentVault documentVault(DeliveryProperties properties, Environment environment, CartesDataDirectory dataDirectory) {
        if (properties.documentKeyFile() != null) {
            return new DocumentVault(read(properties.documentKeyFile()));
        }
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            throw new IllegalStateException("The production profile does not create keys: configure cartes.delivery.document-key-file"
                    + " (32 random bytes in Base64, e.g. `openssl rand -base64 32`; see docs/operations)");
        }
        Path file = dataDirectory.resolve("delivery").resolve(DEMO_KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path temporary = file.resolveSibling(DEMO_KEY_FILE + ".new");
                Files.deleteIfExists(temporary);
                Files.createFile(temporary);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                }
                Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n");
                Arrays.fill(key, (byte) 0);
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                LOG.info("Generated the identity document key in {}", file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the identity document key in " + file, e);
        }
        return new DocumentVault(read(file));
    }

    private static SecretKeySpec read(Path file) {
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            try {
                if (key.length != 32) {
                    throw new IllegalStateException("The identity document key " + file + " must hold 32 bytes in Base64");
                }
                return new SecretKeySpec(key, "AES");
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the identity document key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The identity document key " + file + " is not Base64", e);
        }
    }
}
