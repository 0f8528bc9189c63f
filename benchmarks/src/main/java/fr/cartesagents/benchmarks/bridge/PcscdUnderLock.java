package fr.cartesagents.benchmarks.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.pcsc.PcscReaders;

/**
 * pcscd with vsmartcard's vpcd reader, held for one benchmark trial. The virtual reader is taken
 * under the lock file of the pkcs11-bridge test rig, so that a benchmark and a test run of this
 * machine never share it (the later one waits); pcscd is started here ({@code pcscd --foreground})
 * only if none runs, and then stopped at the end.
 */
final class PcscdUnderLock implements AutoCloseable {

    private static final Path LOCK_FILE = Path.of(System.getProperty("java.io.tmpdir"), "cartes-agents-pcsc-rig.lock");
    private static final Path PCSCD = Path.of("/usr/sbin/pcscd");
    private static final Duration LOCK_PATIENCE = Duration.ofMinutes(15);
    private static final Duration START_PATIENCE = Duration.ofSeconds(20);

    /** Holds the lock until closed. */
    private final FileChannel lockChannel;
    private final Optional<Process> startedHere;

    private PcscdUnderLock(FileChannel lockChannel, Optional<Process> startedHere) {
        this.lockChannel = lockChannel;
        this.startedHere = startedHere;
    }

    /** Takes the virtual reader and makes sure pcscd shows {@code reader}. */
    static PcscdUnderLock acquire(String reader) {
        if (!Files.isExecutable(PCSCD)) {
            throw new IllegalStateException(PCSCD + " is missing: apt-get install pcscd vsmartcard-vpcd");
        }
        FileChannel channel = null;
        PcscdUnderLock held = null;
        try {
            channel = FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            waitForLock(channel);
            Optional<Process> started = isPcscdRunning() ? Optional.empty() : Optional.of(launch());
            held = new PcscdUnderLock(channel, started);
            held.awaitReader(reader);
            return held;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + LOCK_FILE, e);
        } catch (RuntimeException e) {
            if (held != null) {
                held.close();
            } else if (channel != null) {
                closeQuietly(channel);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            startedHere.ifPresent(PcscdUnderLock::stop);
        } finally {
            closeQuietly(lockChannel);
        }
    }

    private void awaitReader(String reader) {
        Instant deadline = Instant.now().plus(START_PATIENCE);
        String lastProblem = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                if (PcscReaders.list().stream().anyMatch(status -> status.name().equals(reader))) {
                    return;
                }
                lastProblem = "no such reader";
            } catch (CardException e) {
                lastProblem = e.getMessage();
            }
            pause();
        }
        throw new IllegalStateException("pcscd does not show the reader '" + reader + "' (" + lastProblem
                + "): is vsmartcard-vpcd installed and configured in /etc/reader.conf.d?");
    }

    private static Process launch() throws IOException {
        Path log = Files.createTempFile("bench-pcscd", ".log");
        return new ProcessBuilder(PCSCD.toString(), "--foreground")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void stop(Process pcscd) {
        pcscd.destroy();
        try {
            if (!pcscd.waitFor(10, TimeUnit.SECONDS)) {
                pcscd.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isPcscdRunning() {
        try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
            return processes.anyMatch(process -> process.info().command()
                    .map(command -> command.equals("pcscd") || command.endsWith("/pcscd")).orElse(false));
        }
    }

    private static void waitForLock(FileChannel channel) throws IOException {
        Instant deadline = Instant.now().plus(LOCK_PATIENCE);
        FileLock lock = channel.tryLock();
        while (lock == null) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("A test run has held the virtual reader (" + LOCK_FILE + ") for "
                        + LOCK_PATIENCE.toMinutes() + " minutes");
            }
            pause();
            lock = channel.tryLock();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for pcscd", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // The lock goes with the channel either way.
        }
    }
}
