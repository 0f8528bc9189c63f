package fr.cartesagents.bridge.cli;

/** The command cannot run as typed (exit code 2), found out after parsing: no terminal, input too short. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
