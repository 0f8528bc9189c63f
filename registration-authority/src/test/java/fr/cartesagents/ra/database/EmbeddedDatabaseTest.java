package fr.cartesagents.ra.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDirectory;

    @Test
    void whenStartedTwiceOnTheSameDirectory_thenCommittedDataSurvivesTheRestart() throws SQLException {
        Path postgres = dataDirectory.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(postgres)) {
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                statement.execute("create table survivor (name text)");
                statement.execute("insert into survivor values ('still here')");
            }
        }
        assertThat(postgres.resolve("PG_VERSION")).isRegularFile();
        assertThat(postgres.resolve("postmaster.pid")).doesNotExist();

        try (EmbeddedDatabase database = EmbeddedDatabase.start(postgres);
             Connection connection = connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select name from survivor")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void whenTheJvmRunsAsRoot_thenPostgresRunsWithoutRootPrivilegesYetItsFilesBelongToTheCaller() throws Exception {
        Path postgres = dataDirectory.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(postgres);
             Connection connection = connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select current_database(), version()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(EmbeddedDatabase.DATABASE_NAME);
            assertThat(rows.getString(2)).startsWith("PostgreSQL");
        }
        // The cluster's files are owned by whoever runs the JVM (root included), not by a mapped user.
        Object callerUid = Files.getAttribute(dataDirectory, "unix:uid");
        assertThat(Files.getAttribute(postgres.resolve("PG_VERSION"), "unix:uid")).isEqualTo(callerUid);
    }

    @Test
    void whenAStalePostmasterPidNamesAnotherLiveProcess_thenTheStartRemovesItAndTheDatabaseRunsWithFsyncOn() throws Exception {
        Path postgres = dataDirectory.resolve("postgres");
        EmbeddedDatabase.start(postgres).close();
        // What a killed server leaves after a reboot: its pid file, whose number now belongs to another process (this JVM).
        Files.writeString(postgres.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + postgres + "\n");

        try (EmbeddedDatabase database = EmbeddedDatabase.start(postgres);
             Connection connection = connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit'),"
                     + " current_setting('full_page_writes')")) {
            assertThat(rows.next()).isTrue();
            // zonky starts PostgreSQL with -F (fsync off); the embedded database must not lose committed data on a crash.
            assertThat(List.of(rows.getString(1), rows.getString(2), rows.getString(3))).containsOnly("on");
        }
    }

    private static Connection connect(EmbeddedDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
    }
}
