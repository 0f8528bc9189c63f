package fr.cartesagents.ca.ceremony;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Secrets read from standard input when no terminal is attached, one per line. Read byte by byte, with
 * no buffer, so that a second secret's line is still there for the next read and nothing of a secret
 * lingers in a buffer.
 */
final class StandardInputLines {

    private static final int MAX_LINE = 1024;

    /**
     * The process's own standard input, unbuffered: System.in is buffered, and its first read would
     * swallow the lines of the secrets the next commands of a script are to read. Null in tests,
     * which replace System.in.
     */
    private static InputStream processInput;

    private StandardInputLines() {
    }

    /** Called by the CLI's main: read the process's standard input itself, one byte at a time. */
    static synchronized void readProcessInputUnbuffered() {
        processInput = new FileInputStream(FileDescriptor.in);
    }

    /** The next line without its line break, or {@code null} at the end of input. */
    static synchronized char[] next() {
        InputStream in = processInput != null ? processInput : System.in;
        byte[] line = new byte[MAX_LINE];
        int length = 0;
        try {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n') {
                if (b != '\r' && length < MAX_LINE) {
                    line[length++] = (byte) b;
                }
                b = in.read();
            }
        } catch (IOException e) {
            throw new CeremonyException("cannot read standard input (" + CeremonyFiles.describe(e) + ")");
        }
        char[] text = new String(line, 0, length, java.nio.charset.StandardCharsets.UTF_8).toCharArray();
        java.util.Arrays.fill(line, (byte) 0);
        return text;
    }
}
