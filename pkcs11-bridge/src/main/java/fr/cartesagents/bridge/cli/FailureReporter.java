package fr.cartesagents.bridge.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.personalization.IssuanceException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * One line on standard error that says what to do, and the exit code of the failure: the card's own
 * ({@link fr.cartesagents.bridge.card.CardFailure#exitCode()}), 2 for a command line that cannot run,
 * 15 when the registration authority refused, 1 for anything unexpected. No message carries a PIN.
 */
final class FailureReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int ISSUANCE_FAILED = 15;
    static final int UNEXPECTED = 1;

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
        int exitCode;
        if (exception instanceof CardException card) {
            err.println("Error: " + card.getMessage());
            exitCode = card.failure().exitCode();
        } else if (exception instanceof UsageException usage) {
            err.println("Error: " + usage.getMessage());
            exitCode = commandLine.getCommandSpec().exitCodeOnInvalidInput();
        } else if (exception instanceof IssuanceException issuance) {
            err.println("Error: " + issuance.getMessage());
            exitCode = ISSUANCE_FAILED;
        } else if (exception instanceof UncheckedIOException io) {
            err.println("Error: " + io.getCause().getMessage());
            exitCode = UNEXPECTED;
        } else {
            err.println("Error: " + exception);
            exception.printStackTrace(err);
            exitCode = UNEXPECTED;
        }
        err.flush();
        return exitCode;
    }
}
