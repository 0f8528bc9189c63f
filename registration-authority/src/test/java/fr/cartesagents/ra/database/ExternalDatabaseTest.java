package fr.cartesagents.ra.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.cartesagents.ra.testsupport.TemporaryDataDirectory;

/** With {@code spring.r2dbc.url} set, the server uses that PostgreSQL and starts none of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ExternalDatabaseTest extends TemporaryDataDirectory {

    private static EmbeddedDatabase external;

    @Autowired
    DatabaseEndpoint endpoint;

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) throws Exception {
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "external-");
        external = EmbeddedDatabase.start(directory.resolve("pg"));
        registry.add("spring.r2dbc.url", () -> "r2dbc:postgresql://localhost:" + external.port() + "/" + EmbeddedDatabase.DATABASE_NAME);
        registry.add("spring.r2dbc.username", () -> EmbeddedDatabase.USER);
    }

    @AfterAll
    static void stop() {
        if (external != null) {
            external.close();
        }
    }

    @Test
    void whenAnR2dbcUrlIsConfigured_thenThatServerIsMigratedAndUsedAndNoEmbeddedOneStarts() throws Exception {
        assertThat(endpoint.jdbcUrl()).isEqualTo(external.jdbcUrl());
        assertThat(dataDirectory().resolve("postgres")).doesNotExist();
        try (Connection connection = DriverManager.getConnection(external.jdbcUrl(), EmbeddedDatabase.USER, "");
             ResultSet rows = connection.createStatement().executeQuery("select id from certificate_authority order by id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("act");
        }
    }
}
