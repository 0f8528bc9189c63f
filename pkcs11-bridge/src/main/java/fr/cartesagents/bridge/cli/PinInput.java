package fr.cartesagents.bridge.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.Pin;
import picocli.CommandLine.Option;

/**
 * Where PINs come from: a prompt on the terminal that does not echo, or — for scripts — standard
 * input, one PIN a line in the order the command asks for them. A PIN is read into a char array,
 * never a String, so that it can be wiped once the card has it.
 */
final class PinInput {

    private static final int MAX_LINE = 64;

    @Option(names = "--pin-stdin", description = "Lire les codes sur l'entrée standard, un par ligne, au lieu de les demander.")
    boolean fromStdin;

    private Reader stdinReader;

    /** Reads one secret; {@code prompt} is shown only on a terminal. */
    Pin read(InputStream stdin, String prompt) {
        if (fromStdin) {
            if (stdinReader == null) {
                stdinReader = new InputStreamReader(stdin, StandardCharsets.UTF_8);
            }
            return Pin.wrap(readLine(stdinReader, prompt));
        }
        Console console = System.console();
        if (console == null) {
            throw new UsageException("pas de terminal pour demander le " + prompt + " : donnez-le sur l'entrée standard avec --pin-stdin");
        }
        char[] typed = console.readPassword("%s: ", capitalized(prompt));
        if (typed == null) {
            throw new CardException(CardFailure.PIN_POLICY, "no PIN entered");
        }
        return Pin.wrap(typed);
    }

    /** A new PIN; on a terminal it is asked twice, and the two must match. */
    Pin readNew(InputStream stdin, String prompt) {
        Pin first = read(stdin, prompt);
        if (fromStdin) {
            return first;
        }
        try (Pin again = read(stdin, prompt + " (confirmation)")) {
            char[] a = first.toChars();
            char[] b = again.toChars();
            boolean same = Arrays.equals(a, b);
            Arrays.fill(a, '\0');
            Arrays.fill(b, '\0');
            if (!same) {
                first.close();
                throw new CardException(CardFailure.PIN_POLICY, "the two entries differ: nothing was changed");
            }
        }
        return first;
    }

    private static char[] readLine(Reader reader, String prompt) {
        char[] buffer = new char[MAX_LINE];
        int length = 0;
        try {
            int c;
            while ((c = reader.read()) != -1 && c != '\n') {
                if (c == '\r') {
                    continue;
                }
                if (length == MAX_LINE) {
                    Arrays.fill(buffer, '\0');
                    throw new CardException(CardFailure.PIN_POLICY, "a PIN line on standard input is too long");
                }
                buffer[length++] = (char) c;
            }
            if (c == -1 && length == 0) {
                throw new UsageException("l'entrée standard s'est terminée avant le " + prompt + " (--pin-stdin lit un code par ligne)");
            }
            return Arrays.copyOf(buffer, length);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a PIN from standard input", e);
        } finally {
            Arrays.fill(buffer, '\0');
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
