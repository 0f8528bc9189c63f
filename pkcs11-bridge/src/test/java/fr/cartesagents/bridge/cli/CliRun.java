package fr.cartesagents.bridge.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

/** One in-process run of the bridge CLI with the given standard input: exit code and output. */
record CliRun(String[] args, int exitCode, String out, String err) {

    static CliRun of(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BridgeCli.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(args, exitCode, out.toString(), err.toString());
    }

    String output() {
        return out + err;
    }

    String describe() {
        return "cartes-bridge " + String.join(" ", args) + " exited with " + exitCode
                + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
}
