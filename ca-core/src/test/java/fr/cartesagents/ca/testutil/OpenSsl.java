package fr.cartesagents.ca.testutil;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code openssl} command line, used as an independent second opinion on what our code produces
 * (certificates, CRLs, OCSP responses). Obtain it with {@link #require()}.
 */
public final class OpenSsl {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path executable;

    private OpenSsl(Path executable) {
        this.executable = executable;
    }

    /** The installed openssl; fails in CI, aborts elsewhere, when it is missing (see {@link RequiredTool}). */
    public static OpenSsl require() {
        return new OpenSsl(RequiredTool.openssl().require());
    }

    public Path executable() {
        return executable;
    }

    /** Runs {@code openssl <arguments>} and returns its exit code and output, whatever they are. */
    public ProcessResult run(String... arguments) {
        return runner(arguments).run();
    }

    /** Runs {@code openssl <arguments>} feeding {@code stdin} to it. */
    public ProcessResult run(byte[] stdin, String... arguments) {
        return runner(arguments).stdin(stdin).run();
    }

    /** Runs {@code openssl <arguments>} and fails the test unless it exits with 0. */
    public ProcessResult runSuccessfully(String... arguments) {
        return run(arguments).assertSuccess();
    }

    /** "OpenSSL 3.0.x ..." — handy in assertion messages when behaviour differs between versions. */
    public String version() {
        return runSuccessfully("version").stdout().trim();
    }

    private ProcessRunner runner(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        return ProcessRunner.command(command).timeout(TIMEOUT);
    }
}
