package fr.cartesagents.ra.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cartesagents.ra.config.CartesDataDirectory;

/**
 * Gives each Spring application context under test its own empty data directory, so its own
 * embedded database and demo PKI (or its own database in a Testcontainers {@code postgres}, see
 * {@link TestDatabases}).
 */
public abstract class TemporaryDataDirectory {

    private static final Path TEST_DATA = Path.of("target", "test-data").toAbsolutePath();

    @Autowired
    private CartesDataDirectory cartesDataDirectory;

    /** Called once for each application context that is built, not for each test. */
    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) throws IOException {
        // Under target/ so that "mvn clean" removes the embedded databases of past runs.
        Files.createDirectories(TEST_DATA);
        Path directory = Files.createTempDirectory(TEST_DATA, "cartes-");
        registry.add("cartes.data-dir", directory::toString);
        TestDatabases.register(registry);
    }

    public Path dataDirectory() {
        return cartesDataDirectory.root();
    }
}
