package fr.cartesagents.bridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.pcsc.PcscLibrary;
import fr.cartesagents.bridge.pcsc.PcscReaders;
import fr.cartesagents.bridge.pcsc.ReaderStatus;
import fr.cartesagents.ca.testutil.RequiredTool;

/**
 * pcscd with vsmartcard's vpcd virtual reader, once per test JVM. If no pcscd runs, this one starts
 * {@code pcscd --foreground} and stops it when the JVM's tests are over; a pcscd that was already
 * running is used and left alone. A lock file keeps two test JVMs of this machine from sharing the
 * virtual reader at the same time (the second one waits).
 *
 * <p>One pcscd for the whole run on purpose: the JDK opens its PC/SC context once per JVM, and that
 * context dies with the pcscd it was opened on.
 */
final class PcscDaemon implements AutoCloseable {

    static final String DEBIAN_PACKAGES = "pcscd vsmartcard-vpcd";
    private static final Path READER_CONFIG_DIRECTORY = Path.of("/etc/reader.conf.d");
    private static final Path LOCK_FILE = Path.of(System.getProperty("java.io.tmpdir"), "cartes-agents-pcsc-rig.lock");
    private static final Duration LOCK_PATIENCE = Duration.ofMinutes(15);
    private static final Duration START_PATIENCE = Duration.ofSeconds(20);

    private final VpcdReaderConfig reader;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Optional<Process> startedHere;

    private PcscDaemon(VpcdReaderConfig reader, FileChannel lockChannel, FileLock lock, Optional<Process> startedHere) {
        this.reader = reader;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.startedHere = startedHere;
    }

    /**
     * Makes sure pcscd runs with the vpcd reader, or fails (CI=true) / aborts the test naming the
     * Debian packages to install.
     */
    static PcscDaemon start() {
        Path pcscd = new RequiredTool("pcscd", DEBIAN_PACKAGES,
                List.of(Path.of("/usr/sbin/pcscd"), Path.of("/usr/local/sbin/pcscd"), Path.of("/sbin/pcscd"))).require();
        new RequiredTool("libpcsclite", "libpcsclite1 " + DEBIAN_PACKAGES, PcscLibrary.locate().stream().toList()).require();
        VpcdReaderConfig reader = VpcdReaderConfig.find(READER_CONFIG_DIRECTORY).orElseGet(() -> unavailable(
                "No vsmartcard-vpcd reader is configured in " + READER_CONFIG_DIRECTORY));
        new RequiredTool("vsmartcard-vpcd driver", DEBIAN_PACKAGES, List.of(reader.driver())).require();

        FileChannel channel = null;
        try {
            channel = FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = waitForLock(channel);
            Optional<Process> started = isPcscdRunning() ? Optional.empty() : Optional.of(launch(pcscd));
            PcscDaemon daemon = new PcscDaemon(reader, channel, lock, started);
            try {
                daemon.awaitReader();
            } catch (RuntimeException | Error e) {
                // A pcscd started here whose reader never came (its vpcd port still held, say) must not outlive the
                // test JVM: the next run would find it running, use it, and see no reader either.
                try {
                    daemon.close();
                } catch (IOException notClosed) {
                    e.addSuppressed(notClosed);
                }
                throw e;
            }
            return daemon;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock " + LOCK_FILE, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(channel);
            throw e;
        }
    }

    VpcdReaderConfig reader() {
        return reader;
    }

    @Override
    public void close() throws IOException {
        try {
            if (startedHere.isPresent()) {
                Process process = startedHere.get();
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }

    private void awaitReader() {
        Instant deadline = Instant.now().plus(START_PATIENCE);
        String lastProblem = "";
        while (Instant.now().isBefore(deadline)) {
            if (startedHere.isPresent() && !startedHere.get().isAlive()) {
                throw new AssertionError("pcscd stopped at once; its output:\n" + log());
            }
            try {
                List<ReaderStatus> readers = PcscReaders.list();
                if (readers.stream().anyMatch(status -> status.name().equals(reader.firstReaderName()))) {
                    return;
                }
                lastProblem = "readers: " + readers;
            } catch (CardException e) {
                lastProblem = e.getMessage();
            }
            pause();
        }
        unavailable("pcscd does not show the reader '" + reader.firstReaderName() + "' (" + lastProblem + ")"
                + startedHere.map(process -> "; pcscd output:\n" + log()).orElse(""));
    }

    private static Process launch(Path pcscd) throws IOException {
        Path log = logFile();
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(pcscd.toString(), "--foreground")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static boolean isPcscdRunning() {
        try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
            return processes.anyMatch(process -> process.info().command()
                    .map(command -> command.equals("pcscd") || command.endsWith("/pcscd")).orElse(false));
        }
    }

    private static FileLock waitForLock(FileChannel channel) throws IOException {
        Instant deadline = Instant.now().plus(LOCK_PATIENCE);
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Another test run has held the virtual reader (" + LOCK_FILE + ") for "
                        + LOCK_PATIENCE.toMinutes() + " minutes");
            }
            pause();
        }
    }

    private static Path logFile() {
        return Path.of("target", "pcscd.log").toAbsolutePath();
    }

    private static String log() {
        try {
            return Files.readString(logFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static <T> T unavailable(String message) {
        String full = message + " (install the Debian packages: apt-get install " + DEBIAN_PACKAGES + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(full + "; CI=true, so this test fails instead of being skipped");
        }
        return Assumptions.abort(full);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for pcscd", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // The lock goes with the channel either way.
            }
        }
    }
}
