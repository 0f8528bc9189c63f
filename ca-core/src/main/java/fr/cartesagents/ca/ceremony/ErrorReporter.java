package fr.cartesagents.ca.ceremony;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import fr.cartesagents.ca.issuance.IssuanceRefusedException;
import fr.cartesagents.ca.token.CryptoTokenException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into one line an operator can act on, on standard error, and the exit code: 2 for a
 * command line that cannot be run as typed, 1 for a step that failed. The stack trace is shown only
 * with {@code --verbose}. Messages of ca-core never carry a PIN or a password, nor do ours.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("Error: " + exception.getMessage());
        UnmatchedArgumentException.printSuggestions(exception, err);
        err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        if (exception instanceof ParameterException parameterException) {
            return handleParseException(parameterException, parseResult.originalArgs().toArray(String[]::new));
        }
        PrintWriter err = commandLine.getErr();
        err.println("Error: " + describe(exception));
        if (isVerbose(parseResult)) {
            exception.printStackTrace(err);
        } else if (exception.getCause() != null || !(exception instanceof CeremonyException
                || exception instanceof IssuanceRefusedException || exception instanceof CryptoTokenException)) {
            // The message of a known failure without a cause says it all; anything else may need the trace.
            err.println("(run again with --verbose for the details)");
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    static String describe(Throwable exception) {
        if (exception instanceof IssuanceRefusedException refused) {
            return "the CA refused to issue (" + refused.reason() + "): " + refused.getMessage();
        }
        if (exception instanceof CeremonyException || exception instanceof CryptoTokenException
                || exception instanceof IllegalArgumentException) {
            return exception.getMessage();
        }
        if (exception instanceof UncheckedIOException io) {
            return "input/output error: " + io.getCause().getMessage();
        }
        String message = exception.getMessage();
        return exception.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
