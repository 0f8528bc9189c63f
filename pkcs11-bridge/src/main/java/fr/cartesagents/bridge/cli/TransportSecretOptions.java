package fr.cartesagents.bridge.cli;

import java.nio.file.Path;

import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.personalization.TransportUnblockSecret;
import picocli.CommandLine.Option;

/**
 * Where the bridge finds the transport unblock code of the card batch (an argument group: one of
 * the two). Never a value on the command line: every user of the workstation sees the process list.
 */
final class TransportSecretOptions {

    @Option(names = "--transport-puk-file", paramLabel = "FILE",
            description = "Fichier dont la première ligne est le code de déblocage de transport du lot de cartes vierges "
                    + "(remis avec le lot), remplacé à la personnalisation par le code propre à la carte.")
    Path file;

    @Option(names = "--transport-puk-env", paramLabel = "VARIABLE",
            description = "Variable d'environnement qui contient ce code de transport, au lieu d'un fichier.")
    String environmentVariable;

    /** The secret's source, read once now so that a missing file or variable stops the command before the card is touched. */
    TransportUnblockSecret checked() {
        TransportUnblockSecret source = file != null ? TransportUnblockSecret.inFile(file)
                : TransportUnblockSecret.inEnvironment(environmentVariable);
        try (Pin readable = source.read()) {
            return source;
        } catch (TransportUnblockSecret.Unreadable e) {
            throw new UsageException("code de déblocage de transport illisible (" + e.getMessage() + ")");
        }
    }
}
