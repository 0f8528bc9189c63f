package fr.cartesagents.ca.testutil;

import java.util.List;

/** What an external command did: its exit code and everything it printed. */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

    public ProcessResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Both streams, for assertions that do not care where a tool chose to print. */
    public String output() {
        return stdout + stderr;
    }

    /** Returns this result, or fails the test with the command's output if it did not exit with 0. */
    public ProcessResult assertSuccess() {
        if (!succeeded()) {
            throw new AssertionError(describe());
        }
        return this;
    }

    /** A multi-line account of the run, for assertion messages. */
    public String describe() {
        return String.join(" ", command) + " exited with " + exitCode
                + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
