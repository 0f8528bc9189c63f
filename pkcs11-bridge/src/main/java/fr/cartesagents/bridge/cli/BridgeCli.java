package fr.cartesagents.bridge.cli;

import java.io.InputStream;
import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import fr.cartesagents.ca.token.QuietPkcs11Wrapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The workstation bridge's command line, for operators and scripts: card information, personalization,
 * PIN change and unblock, signatures. PINs come from a no-echo prompt, or from standard input with
 * {@code --pin-stdin}; they go only to the card.
 */
@Command(name = "cartes-bridge", mixinStandardHelpOptions = true, versionProvider = BridgeCli.Version.class,
        description = "Pont de carte de Cartes Agents : pilote les cartes des agents par leur middleware PKCS#11 ou par PC/SC.",
        subcommands = {InfoCommand.class, PersonalizeCommand.class, PersonalizeOrderCommand.class, ChangePinCommand.class, UnblockCommand.class,
                SignCommand.class, ReadersCommand.class, SimulatorCommand.class},
        footer = {"", "Codes de sortie : 0 fait, 1 échec inattendu, 2 ligne de commande erronée, 3 pas de lecteur,",
                "4 pas de carte, 5 carte retirée, 6 code PIN erroné, 7 code PIN bloqué, 8 code PIN refusé par la politique,",
                "9 code de déblocage erroné, 10 code de déblocage bloqué, 11 non pris en charge par la carte,",
                "12 clé absente, 13 erreur de la carte, 14 erreur du middleware, 15 refus ou silence de l'autorité",
                "d'enregistrement, 16 carte non vierge (terminez la personnalisation avec --resume)."})
public final class BridgeCli implements Runnable {

    @Spec
    CommandSpec spec;

    private final InputStream stdin;

    BridgeCli(InputStream stdin) {
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        QuietPkcs11Wrapper.install(System.err);
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        System.exit(commandLine(System.in).execute(args));
    }

    /** The configured command line reading PINs given with --pin-stdin from {@code stdin}. */
    public static CommandLine commandLine(InputStream stdin) {
        CommandLine commandLine = new CommandLine(new BridgeCli(stdin));
        commandLine.addSubcommand("serve", new ServeCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        FailureReporter failures = new FailureReporter();
        commandLine.setParameterExceptionHandler(failures);
        commandLine.setExecutionExceptionHandler(failures);
        return commandLine;
    }

    InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "quelle opération ? Donnez une commande : readers, info, change-pin, unblock, personalize, sign, serve ou simulator");
    }

    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = BridgeCli.class.getPackage().getImplementationVersion();
            return new String[] {"cartes-bridge " + (version == null ? "development build" : version)};
        }
    }
}
