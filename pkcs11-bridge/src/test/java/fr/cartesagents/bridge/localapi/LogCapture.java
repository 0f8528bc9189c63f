package fr.cartesagents.bridge.localapi;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Everything written to standard error while open (slf4j-simple writes its log lines there, looking
 * System.err up at each line), still passed on to the real standard error.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public synchronized void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                captured.write(bytes, offset, length);
                original.write(bytes, offset, length);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    String text() {
        System.err.flush();
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * The captured text once it holds every one of {@code lines}, or as it is after {@code patience}:
     * the local API logs a request's outcome after the answer is on the wire, so the client may read
     * the answer before the line is written.
     */
    String textHolding(Duration patience, String... lines) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String text = text();
        while (!Arrays.stream(lines).allMatch(text::contains) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            text = text();
        }
        return text;
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
