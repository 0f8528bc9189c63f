package fr.cartesagents.ra.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Freezes and thaws a PostgreSQL server as a hung machine would look to its clients: SIGSTOP to the
 * postmaster and every backend (stopping the postmaster alone would leave open connections working),
 * SIGCONT to resume them.
 */
public final class PostmasterSignals {

    private PostmasterSignals() {
    }

    /** The postmaster of the cluster in {@code dataDirectory}, from its {@code postmaster.pid}. */
    public static long postmasterPid(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void freeze(long postmaster) {
        signal("-STOP", postmaster);
    }

    public static void thaw(long postmaster) {
        signal("-CONT", postmaster);
    }

    private static void signal(String signal, long postmaster) {
        ProcessHandle root = ProcessHandle.of(postmaster).orElseThrow(() -> new IllegalStateException("no process " + postmaster));
        List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
        root.descendants().forEach(child -> command.add(Long.toString(child.pid())));
        try {
            Process kill = new ProcessBuilder(command).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
