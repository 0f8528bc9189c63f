package fr.cartesagents.bridge.personalization;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Secrets the operator keeps in files (a PKCS#12 password, the card batch's transport PUK): read into characters, never a String. */
final class SecretFiles {

    private SecretFiles() {
    }

    /** The first line of {@code file} without surrounding blanks, decoded straight into characters (the caller wipes them). */
    static char[] firstLine(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        try {
            int end = 0;
            while (end < decoded.limit() && decoded.get(end) != '\n' && decoded.get(end) != '\r') {
                end++;
            }
            int start = 0;
            while (start < end && Character.isWhitespace(decoded.get(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(decoded.get(end - 1))) {
                end--;
            }
            return Arrays.copyOfRange(decoded.array(), decoded.arrayOffset() + start, decoded.arrayOffset() + end);
        } finally {
            Arrays.fill(decoded.array(), '\0');
        }
    }
}
