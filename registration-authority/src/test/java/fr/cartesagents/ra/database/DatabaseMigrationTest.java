package fr.cartesagents.ra.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;

import fr.cartesagents.ra.testsupport.TemporaryDataDirectory;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DatabaseMigrationTest extends TemporaryDataDirectory {

    @Autowired
    DatabaseClient database;

    @Test
    void whenNoDatabaseIsConfigured_thenTheEmbeddedOneIsStartedAndMigrated() {
        List<String> tables = database.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .map(row -> row.get(0, String.class)).all().collectList().block();
        assertThat(tables).contains("certificate_authority", "certificate", "crl", "audit_event", "idempotency_key",
                "administrator", "flyway_schema_history");
        assertThat(dataDirectory().resolve("postgres/PG_VERSION")).isRegularFile();
    }
}
