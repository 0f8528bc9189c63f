package fr.cartesagents.ca.ceremony;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where one PIN or password comes from: typed at a no-echo prompt, read from a file, or read from an
 * environment variable — never the command line itself, which shell histories and {@code ps} show to
 * anyone.
 *
 * @param what                what the secret unlocks, for prompts and messages ("user PIN of token 'act'")
 * @param promptOption        the prompting option ({@code --pin}); given alone, the secret is asked when the
 *                            command needs it, after every other option was checked
 * @param fileOption          the option naming a file whose first line is the secret
 * @param environmentOption   the option naming an environment variable that holds the secret
 * @param promptValue         {@link #PROMPT} when the prompting option was given alone, what followed it when
 *                            a value was written (refused), {@code null} when not given
 * @param file                the secret file, or {@code null}
 * @param environmentVariable the variable's name, or {@code null}
 */
record SecretSource(String what, String promptOption, String fileOption, String environmentOption,
                    String promptValue, Path file, String environmentVariable) {

    /**
     * What picocli records for a prompting option given alone. The prompt itself is not picocli's: its
     * interactive options prompt while parsing, before the other options are checked.
     */
    static final String PROMPT = "(prompt)";

    /** A secret file is a line of text: anything bigger is the wrong file. */
    private static final long MAX_SECRET_FILE_BYTES = 4096;

    boolean isGiven() {
        return promptValue != null || file != null || environmentVariable != null;
    }

    /**
     * Reads the secret. With none of the three options, prompts on the console when there is one
     * (twice when {@code newSecret}, so that a typing error does not lock anybody out).
     *
     * @throws ParameterException when the options contradict each other, the secret was typed on the
     *                            command line, or there is no source at all
     * @throws CeremonyException  when the file or variable cannot be read or is empty
     */
    char[] read(CommandSpec spec, boolean newSecret) {
        List<String> given = new ArrayList<>();
        if (promptValue != null) {
            given.add(promptOption);
        }
        if (file != null) {
            given.add(fileOption);
        }
        if (environmentVariable != null) {
            given.add(environmentOption);
        }
        if (given.size() > 1) {
            throw new ParameterException(spec.commandLine(),
                    "give the " + what + " one way only, not " + String.join(" and ", given));
        }
        if (promptValue != null) {
            refuseValueOnCommandLine(spec);
            Console console = interactiveConsole();
            return console != null ? fromConsole(console, newSecret) : fromStandardInput(spec);
        }
        if (file != null) {
            return fromFile();
        }
        if (environmentVariable != null) {
            return fromEnvironment();
        }
        return fromConsole(spec, newSecret);
    }

    private void refuseValueOnCommandLine(CommandSpec spec) {
        if (!PROMPT.equals(promptValue)) {
            throw new ParameterException(spec.commandLine(), "the " + what + " must not be written on the command line, "
                    + "where the shell history and 'ps' show it: give " + promptOption + " alone to be prompted, or use "
                    + fileOption + " FILE or " + environmentOption + " VARIABLE");
        }
    }

    private char[] fromFile() {
        byte[] content;
        try {
            if (Files.size(file) > MAX_SECRET_FILE_BYTES) {
                throw new CeremonyException(fileOption + " " + file + " is larger than " + MAX_SECRET_FILE_BYTES
                        + " bytes: not a " + what + " file");
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CeremonyException(fileOption + ": " + file + " does not exist");
        } catch (IOException e) {
            throw new CeremonyException(fileOption + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            char[] text = decode(content);
            try {
                return nonEmpty(firstLine(text), "in " + file);
            } finally {
                Arrays.fill(text, '\0');
            }
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private char[] fromEnvironment() {
        String value = System.getenv(environmentVariable);
        if (value == null) {
            throw new CeremonyException(environmentOption + ": the environment variable " + environmentVariable
                    + " is not set");
        }
        return nonEmpty(value.toCharArray(), "in the environment variable " + environmentVariable);
    }

    private char[] fromConsole(CommandSpec spec, boolean newSecret) {
        Console console = interactiveConsole();
        if (console == null) {
            throw new ParameterException(spec.commandLine(), "no " + what + ": give " + promptOption
                    + " to be prompted, " + fileOption + " FILE or " + environmentOption + " VARIABLE");
        }
        return fromConsole(console, newSecret);
    }

    private char[] fromConsole(Console console, boolean newSecret) {
        char[] first = console.readPassword("%s: ", capitalized(what));
        if (first == null) {
            throw new CeremonyException("no " + what + " was typed");
        }
        nonEmpty(first, "typed at the prompt");
        if (newSecret) {
            confirm(console, first);
        }
        return first;
    }

    /**
     * The prompting option given without a terminal (a script piping the secrets): one line of standard
     * input per secret, in the order the command asks for them.
     */
    private char[] fromStandardInput(CommandSpec spec) {
        spec.commandLine().getErr().print(capitalized(what) + ": ");
        spec.commandLine().getErr().flush();
        char[] line = StandardInputLines.next();
        if (line == null) {
            throw new CeremonyException("no " + what + " on standard input");
        }
        return nonEmpty(line, "read from standard input");
    }

    /** A new secret is typed twice: a typing error would otherwise lock everybody out of the key. */
    private void confirm(Console console, char[] first) {
        char[] again = console.readPassword("%s (again): ", capitalized(what));
        try {
            if (!Arrays.equals(first, again)) {
                Arrays.fill(first, '\0');
                throw new CeremonyException("the two entries of the " + what + " differ; nothing was done");
            }
        } finally {
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }

    /** The console if a person sits at it; from JDK 22 on, System.console() also answers for redirected streams. */
    private static Console interactiveConsole() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console) ? console : null;
        } catch (ReflectiveOperationException e) {
            return console; // before JDK 22 there is a console only when a terminal is attached
        }
    }

    private char[] nonEmpty(char[] secret, String where) {
        if (secret.length == 0) {
            throw new CeremonyException("the " + what + " " + where + " is empty");
        }
        return secret;
    }

    private char[] decode(byte[] content) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content));
            char[] text = new char[chars.remaining()];
            chars.get(text);
            Arrays.fill(chars.array(), '\0');
            return text;
        } catch (CharacterCodingException e) {
            throw new CeremonyException(fileOption + " " + file + " is not UTF-8 text");
        }
    }

    /** The first line, without its line break: files written by {@code echo} or an editor end with one. */
    private static char[] firstLine(char[] text) {
        int end = 0;
        while (end < text.length && text[end] != '\n' && text[end] != '\r') {
            end++;
        }
        return Arrays.copyOf(text, end);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    @Override
    public String toString() {
        return "SecretSource[" + what + "]";
    }
}
