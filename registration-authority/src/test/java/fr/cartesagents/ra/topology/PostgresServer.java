package fr.cartesagents.ra.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import fr.cartesagents.ca.testutil.RequiredTool;
import fr.cartesagents.ra.testsupport.PostmasterSignals;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package, as production runs one: its own
 * cluster made by {@code initdb} in a temporary directory, started and stopped by {@code pg_ctl}, on a
 * free port of the loopback, fsync on. PostgreSQL refuses to run as root: when the tests run as root,
 * its commands run as the unprivileged user {@code nobody} ({@code runuser}), which owns the cluster's
 * directory.
 */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "cartes";
    static final String USER = "postgres";

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final int port;
    private boolean running;

    private PostgresServer(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
    }

    /** Debian's server binaries: fails when CI=true and they are missing, skips the test otherwise. */
    static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        Optional<Path> newest = Optional.empty();
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                newest = versions.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                        .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Path> candidates = newest.map(bin -> List.of(bin.resolve("initdb"))).orElse(List.of(root.resolve("15/bin/initdb")));
        return new RequiredTool("PostgreSQL server (initdb, pg_ctl)", "postgresql", candidates).require().getParent();
    }

    /** A new, empty cluster with the {@value #DATABASE} database, started. */
    static PostgresServer create(Path parent) {
        Path bin = binaries();
        try {
            Path directory = Files.createTempDirectory(parent, "postgres-");
            PostgresServer server = new PostgresServer(bin, directory, freePort());
            server.initialize();
            server.start();
            server.createDatabase();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    Path dataDirectory() {
        return data;
    }

    String r2dbcUrl() {
        return "r2dbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    void start() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", directory.resolve("server.log").toString(),
                "-w", "-t", "60", "start"));
        running = true;
    }

    /** {@code pg_ctl stop -m immediate}: as a crash or a power cut would stop it. */
    void stopImmediately() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        running = false;
    }

    void freeze() {
        PostmasterSignals.freeze(PostmasterSignals.postmasterPid(data));
    }

    void thaw() {
        PostmasterSignals.thaw(PostmasterSignals.postmasterPid(data));
    }

    @Override
    public void close() {
        if (running) {
            try {
                thaw();
            } catch (RuntimeException ignored) {
                // not frozen, or already gone
            }
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
            running = false;
        }
    }

    private void initialize() throws IOException {
        Files.createDirectories(data);
        if (isRoot()) {
            // nobody must reach its directory: temporary directories are private (700) to their creator
            command(List.of("chmod", "o+x", directory.getParent().toString()), true);
            command(List.of("chown", "-R", "nobody:nogroup", directory.toString()), true);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
                "--locale=C", "--no-sync"));
        // What production needs from a server: durability on, TCP on the loopback only, no Unix socket
        // (its default directory belongs to the Debian service).
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "port = " + port,
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = ''",
                "fsync = on",
                "synchronous_commit = on",
                "full_page_writes = on",
                "max_connections = 200",
                "shared_buffers = 64MB",
                ""), java.nio.file.StandardOpenOption.APPEND);
    }

    private void createDatabase() {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
             var statement = connection.createStatement()) {
            statement.execute("create database " + DATABASE + " encoding 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database on the test PostgreSQL", e);
        }
    }

    /** A server command, as {@code nobody} when this JVM is root. */
    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        full.addAll(command);
        command(full, true);
    }

    static String command(List<String> command, boolean check) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            int status = process.waitFor();
            if (check && status != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + status + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
