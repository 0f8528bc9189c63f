package fr.cartesagents.ra.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Which PostgreSQL the integration tests run on. By default the embedded one (zonky) the server starts
 * itself; with {@code CARTES_TEST_DATABASE=testcontainers} (or {@code -Dcartes.test.database=testcontainers})
 * and a Docker engine, the official {@code postgres} image through Testcontainers: one container for the
 * test JVM, one fresh database per application context. Without a Docker engine the switch falls back to
 * the embedded database, and says so.
 */
public final class TestDatabases {

    static final String SWITCH_PROPERTY = "cartes.test.database";
    static final String SWITCH_VARIABLE = "CARTES_TEST_DATABASE";
    static final String TESTCONTAINERS = "testcontainers";
    private static final String IMAGE = "postgres:17";
    private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgreSQLContainer container;

    private TestDatabases() {
    }

    /** What the switch asks for: {@code testcontainers} or {@code embedded}. */
    static String requested() {
        return System.getProperty(SWITCH_PROPERTY, System.getenv().getOrDefault(SWITCH_VARIABLE, "embedded"));
    }

    /**
     * Registers {@code spring.r2dbc.*} for a fresh database in the container when the switch asks for
     * Testcontainers and Docker runs; registers nothing otherwise (the server starts its embedded one).
     *
     * @return the R2DBC URL registered, if any
     */
    public static Optional<String> register(DynamicPropertyRegistry registry, boolean dockerAvailable) {
        if (!TESTCONTAINERS.equals(requested())) {
            return Optional.empty();
        }
        if (!dockerAvailable) {
            LOG.warn("{}={} but no Docker engine answers: the tests use the embedded PostgreSQL", SWITCH_VARIABLE, TESTCONTAINERS);
            return Optional.empty();
        }
        PostgreSQLContainer postgres = sharedContainer();
        String database = "cartes_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
             var statement = connection.createStatement()) {
            statement.execute("create database " + database + " encoding 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database in the " + IMAGE + " container", e);
        }
        String url = "r2dbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
        registry.add("spring.r2dbc.url", () -> url);
        registry.add("spring.r2dbc.username", postgres::getUsername);
        registry.add("spring.r2dbc.password", postgres::getPassword);
        return Optional.of(url);
    }

    public static Optional<String> register(DynamicPropertyRegistry registry) {
        return register(registry, TESTCONTAINERS.equals(requested()) && DockerClientFactory.instance().isDockerAvailable());
    }

    private static synchronized PostgreSQLContainer sharedContainer() {
        if (container == null) {
            container = new PostgreSQLContainer(IMAGE);
            container.start(); // stopped with the JVM by Testcontainers' Ryuk
        }
        return container;
    }
}
