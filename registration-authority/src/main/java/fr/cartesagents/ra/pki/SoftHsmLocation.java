package fr.cartesagents.ra.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the demo can put its issuing CA in SoftHSM2. SoftHSM2 reads the file named by the
 * environment variable {@code SOFTHSM2_CONF} when the library is first loaded, and a JVM cannot
 * change its own environment: so the launcher sets it (spring-boot:run points it into the data
 * directory) and, when that file does not exist yet, this class writes it with a token directory
 * beside it. Without {@code SOFTHSM2_CONF}, the system configuration is used if there is one.
 */
record SoftHsmLocation(Path module, Path configuration) {

    static final Path DEFAULT_MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final Path SYSTEM_CONFIGURATION = Path.of("/etc/softhsm/softhsm2.conf");
    private static final Logger LOG = LoggerFactory.getLogger(SoftHsmLocation.class);

    static Optional<SoftHsmLocation> find(Path module) {
        if (!Files.isRegularFile(module)) {
            LOG.info("SoftHSM2 ({}) is not installed: the demo issuing CA key goes to a PKCS#12 file"
                    + " (apt-get install softhsm2 to keep it in a PKCS#11 token)", module);
            return Optional.empty();
        }
        String configured = System.getenv("SOFTHSM2_CONF");
        if (configured == null || configured.isBlank()) {
            if (Files.isRegularFile(SYSTEM_CONFIGURATION)) {
                return Optional.of(new SoftHsmLocation(module, SYSTEM_CONFIGURATION));
            }
            LOG.warn("SOFTHSM2_CONF is not set and {} does not exist: the demo issuing CA key goes to a PKCS#12 file",
                    SYSTEM_CONFIGURATION);
            return Optional.empty();
        }
        Path configuration = Path.of(configured).toAbsolutePath();
        try {
            writeIfAbsent(configuration);
        } catch (IOException e) {
            LOG.warn("Cannot write the SoftHSM2 configuration {}: the demo issuing CA key goes to a PKCS#12 file", configuration, e);
            return Optional.empty();
        }
        return Optional.of(new SoftHsmLocation(module, configuration));
    }

    private static void writeIfAbsent(Path configuration) throws IOException {
        if (Files.exists(configuration)) {
            return;
        }
        Path tokens = configuration.resolveSibling("tokens");
        Files.createDirectories(tokens);
        Path temporary = Files.createTempFile(configuration.getParent(), "softhsm2-", ".conf");
        Files.writeString(temporary, """
                # Written by Cartes Agents for its demo PKI.
                directories.tokendir = %s
                objectstore.backend = file
                log.level = ERROR
                slots.removable = false
                """.formatted(tokens), StandardCharsets.UTF_8);
        try {
            Files.move(temporary, configuration, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            Files.deleteIfExists(temporary);
        }
    }
}
