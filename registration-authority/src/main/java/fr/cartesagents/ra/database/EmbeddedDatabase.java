package fr.cartesagents.ra.database;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server started by the application itself when no database is configured, with its
 * data kept under a directory that survives restarts. PostgreSQL refuses to run as root; when
 * this JVM runs as root, zonky starts it in a user namespace (see {@link #start}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE_NAME = "cartes";
    public static final String USER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** zonky's lock file in the data directory, held while an instance uses it. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (creating on first use) the server whose data lives in {@code dataDirectory}. */
    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedPostmaster(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(90))
                    .setLocaleConfig("locale", "C")
                    // A CA must not lose a committed issuance or revocation on a crash. zonky starts the
                    // server with -F (fsync off); a -c option given after it wins.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100");
            if (ProcessUser.isRoot()) {
                // zonky runs initdb, pg_ctl and postgres through "unshare -U" when it runs as root:
                // in a fresh user namespace the process no longer looks like root to PostgreSQL's
                // check, while its files stay owned by the real user. Fail early and clearly where
                // user namespaces are not allowed.
                requireUserNamespaces();
            }
            EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
            database.createApplicationDatabase();
            LOG.info("Embedded PostgreSQL listening on localhost:{} with data in {}", database.port(), dataDirectory);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE_NAME;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://localhost:" + port() + "/" + DATABASE_NAME;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private void createApplicationDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE_NAME);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + DATABASE_NAME + " encoding 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + DATABASE_NAME + " in the embedded PostgreSQL", e);
        }
    }

    private static void requireUserNamespaces() {
        List<String> probe = List.of("unshare", "-U", "id", "-u");
        String failure;
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() == 0 && !"0".equals(output)) {
                return;
            }
            failure = output.isEmpty() ? "exit status " + process.exitValue() : output;
        } catch (IOException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        throw new IllegalStateException("PostgreSQL refuses to run as root, and the embedded database could not start it"
                + " in a user namespace (" + String.join(" ", probe) + ": " + failure + "). Run the server as a non-root"
                + " user, allow user namespaces (util-linux unshare), or configure an external database"
                + " with spring.r2dbc.url.");
    }

    /**
     * A previous run killed without a clean shutdown leaves its postmaster running on the data
     * directory, or at least its {@code postmaster.pid}, either of which would make this start fail.
     * When no live instance holds zonky's lock on the directory, a running postmaster is an orphan: stop
     * it; a {@code postmaster.pid} naming a process that is gone, or that is not a postgres (its number
     * reused after a reboot or in a fresh container), is stale: remove it.
     */
    private static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try (FileOutputStream lockStream = new FileOutputStream(dataDirectory.resolve(ZONKY_LOCK_FILE).toFile());
             FileLock lock = lockStream.getChannel().tryLock()) {
            if (lock == null) {
                return;
            }
        } catch (OverlappingFileLockException e) {
            return;
        }
        Optional<ProcessHandle> postmaster = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim).filter(line -> line.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            LOG.warn("Removing the stale {} (its process is gone or is not PostgreSQL)", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        LOG.warn("Stopping the orphaned PostgreSQL server (pid {}) left on {}", postmaster.get().pid(), dataDirectory);
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The orphaned PostgreSQL server on " + dataDirectory + " did not stop", e);
        }
    }
}
