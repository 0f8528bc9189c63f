package fr.cartesagents.ca.testutil;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (openssl, pkcs11-tool, softhsm2-util...) for a test, with a timeout, and
 * captures its exit code, standard output and standard error. Immutable: each setter returns a copy.
 *
 * <pre>{@code
 * ProcessResult result = ProcessRunner.command("openssl", "version").timeout(Duration.ofSeconds(10)).run();
 * }</pre>
 */
public final class ProcessRunner {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> command;
    private final Duration timeout;
    private final byte[] stdin;
    private final Map<String, String> environment;
    private final Path workingDirectory;

    private ProcessRunner(List<String> command, Duration timeout, byte[] stdin, Map<String, String> environment,
            Path workingDirectory) {
        this.command = command;
        this.timeout = timeout;
        this.stdin = stdin;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    public static ProcessRunner command(String... command) {
        return command(List.of(command));
    }

    public static ProcessRunner command(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        return new ProcessRunner(List.copyOf(command), DEFAULT_TIMEOUT, null, Map.of(), null);
    }

    /** How long the command may run before it is killed and the test fails (default 60 s). */
    public ProcessRunner timeout(Duration timeout) {
        return new ProcessRunner(command, Objects.requireNonNull(timeout), stdin, environment, workingDirectory);
    }

    /** Bytes written to the command's standard input (which is otherwise empty). */
    public ProcessRunner stdin(byte[] input) {
        return new ProcessRunner(command, timeout, input.clone(), environment, workingDirectory);
    }

    public ProcessRunner stdin(String input) {
        return stdin(input.getBytes(StandardCharsets.UTF_8));
    }

    /** An environment variable added to (or overriding) the test JVM's environment. */
    public ProcessRunner environment(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(environment);
        copy.put(name, value);
        return new ProcessRunner(command, timeout, stdin, Map.copyOf(copy), workingDirectory);
    }

    public ProcessRunner workingDirectory(Path directory) {
        return new ProcessRunner(command, timeout, stdin, environment, directory);
    }

    /**
     * Runs the command to completion.
     *
     * @throws AssertionError if it cannot be started or outlives its timeout
     */
    public ProcessResult run() {
        Path out = null;
        Path err = null;
        try {
            // Files rather than pipes: a chatty command can never block on a full pipe buffer.
            out = Files.createTempFile("process-", ".out");
            err = Files.createTempFile("process-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            }
            Process process = builder.start();
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException e) {
                    // The command may exit without reading its input; its exit code tells the story.
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                        + "\n--- stdout so far ---\n" + Files.readString(out, StandardCharsets.UTF_8)
                        + "\n--- stderr so far ---\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new ProcessResult(command, process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
