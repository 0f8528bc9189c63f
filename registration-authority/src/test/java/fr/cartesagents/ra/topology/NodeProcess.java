package fr.cartesagents.ra.topology;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One registration-authority node as production runs it: a JVM of its own (the application's classes
 * and dependencies, not the tests'), on an external PostgreSQL, its PKI listener, API listener and
 * management listener on free ports of the loopback. Nodes share one data directory, where the first
 * one's demo ceremony left the CA keys (PKCS#12; an HSM in production), as they would share an HSM.
 */
final class NodeProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final Process process;
    private final Path log;
    final int pkiPort;
    final int apiPort;
    final int managementPort;

    private NodeProcess(String name, Process process, Path log, int pkiPort, int apiPort, int managementPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pkiPort = pkiPort;
        this.apiPort = apiPort;
        this.managementPort = managementPort;
    }

    /** Starts a node and waits until its readiness probe says UP. */
    static NodeProcess start(String name, Path dataDirectory, Path logDirectory, PostgresServer database,
                             Map<String, String> properties) {
        int pkiPort = PostgresServer.freePort();
        int apiPort = PostgresServer.freePort();
        int managementPort = PostgresServer.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC",
                "-cp", applicationClassPath(),
                "fr.cartesagents.ra.RegistrationAuthorityApplication",
                "--server.port=" + pkiPort,
                "--server.address=127.0.0.1",
                "--cartes.api.port=" + apiPort,
                "--cartes.api.address=127.0.0.1",
                "--management.server.port=" + managementPort,
                "--spring.r2dbc.url=" + database.r2dbcUrl(),
                "--spring.r2dbc.username=" + PostgresServer.USER,
                "--cartes.data-dir=" + dataDirectory,
                // PKCS#12 keys shared through the data directory stand for the HSM the nodes share
                "--cartes.pki.demo.softhsm-module=/nonexistent/libsofthsm2.so"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            NodeProcess node = new NodeProcess(name, process, log, pkiPort, apiPort, managementPort);
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classes and jars of the application: this test JVM's class path without the test classes and test jars. */
    private static String applicationClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    URI pki(String path) {
        return URI.create("http://127.0.0.1:" + pkiPort + path);
    }

    URI api(String path) {
        return URI.create("https://127.0.0.1:" + apiPort + path);
    }

    URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no graceful stop. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The log's lines after the first {@code skipped}: what a scenario made the node write. */
    String logAfter(long skipped) {
        try (var lines = Files.lines(log)) {
            return String.join("\n", lines.skip(skipped).toList());
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    long logLines() {
        try (var lines = Files.lines(log)) {
            return lines.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Node " + name + " exited while starting:\n" + logTail(80));
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(management("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        kill();
        throw new IllegalStateException("Node " + name + " not ready within " + START_TIMEOUT + ":\n" + logTail(80));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "node " + name;
    }
}
