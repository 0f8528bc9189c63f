package fr.cartesagents.ca.ceremony;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/** One in-process run of the key-ceremony CLI: its exit code and everything it printed. */
record CliRun(String[] args, int exitCode, String out, String err) {

    private static final Pattern SERIAL = Pattern.compile("serial:\\s+([0-9a-f]+)");

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = KeyCeremonyCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(args, exitCode, out.toString(), err.toString());
    }

    /** Everything printed, for checks that a secret appears nowhere. */
    String output() {
        return out + err;
    }

    CliRun assertSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(describe());
        }
        return this;
    }

    /** The serial number the command printed, lower-case hexadecimal. */
    String serial() {
        Matcher matcher = SERIAL.matcher(out);
        if (!matcher.find()) {
            throw new AssertionError("no serial printed\n" + describe());
        }
        return matcher.group(1);
    }

    String describe() {
        return "key-ceremony " + String.join(" ", args) + " exited with " + exitCode
                + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
}
