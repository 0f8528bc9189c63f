package fr.cartesagents.bridge.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.personalization.IssuanceException;
import fr.cartesagents.bridge.personalization.TransportUnblockSecret;
import fr.cartesagents.bridge.personalization.UnblockSecretNotReplaced;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * One line on standard error, in French, that says what to do, and the exit code of the failure: the card's own
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
        err.println("Erreur : " + exception.getMessage());
        UnmatchedArgumentException.printSuggestions(exception, err);
        err.println("Les options : '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
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
            err.println("Erreur : " + FrenchFailures.sentence(card));
            FrenchFailures.technicalDetail(card).ifPresent(detail -> err.println("Détail technique : " + detail));
            exitCode = card.failure().exitCode();
        } else if (exception instanceof UnblockSecretNotReplaced notReplaced) {
            CardException card = notReplaced.cardFailure();
            err.println("Erreur : les certificats sont écrits sur la carte, mais son code de déblocage n'est pas remplacé : "
                    + FrenchFailures.sentence(card));
            err.println("Vérifiez le code de déblocage de transport du lot de cartes (--transport-puk-file ou --transport-puk-env), "
                    + "puis relancez la même commande avec --resume : elle termine la personnalisation.");
            err.println("Détail technique : " + card.getMessage());
            exitCode = card.failure().exitCode();
        } else if (exception instanceof TransportUnblockSecret.Unreadable unreadable) {
            err.println("Erreur : code de déblocage de transport illisible (" + unreadable.getMessage() + ").");
            exitCode = commandLine.getCommandSpec().exitCodeOnInvalidInput();
        } else if (exception instanceof UsageException usage) {
            err.println("Erreur : " + usage.getMessage());
            exitCode = commandLine.getCommandSpec().exitCodeOnInvalidInput();
        } else if (exception instanceof IssuanceException issuance) {
            err.println("Erreur : l'autorité d'enregistrement a refusé la demande ou n'a pas répondu.");
            err.println("Détail technique : " + issuance.getMessage());
            exitCode = ISSUANCE_FAILED;
        } else if (exception instanceof UncheckedIOException io) {
            err.println("Erreur : lecture ou écriture impossible (" + io.getCause().getMessage() + ").");
            exitCode = UNEXPECTED;
        } else {
            err.println("Erreur inattendue : " + exception);
            exception.printStackTrace(err);
            exitCode = UNEXPECTED;
        }
        err.flush();
        return exitCode;
    }
}
