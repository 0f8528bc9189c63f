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
        description = "Cartes Agents card bridge: drives agent cards through their PKCS#11 middleware.",
        subcommands = {InfoCommand.class, PersonalizeCommand.class, ChangePinCommand.class, UnblockCommand.class,
                SignCommand.class, ReadersCommand.class, SimulatorCommand.class},
        footer = {"", "Exit codes: 0 done, 1 unexpected failure, 2 wrong command line, 3 no reader, 4 no card,",
                "5 card removed, 6 wrong PIN, 7 PIN blocked, 8 PIN refused by the policy, 9 wrong unblock code,",
                "10 unblock code blocked, 11 not supported by the card, 12 key not found, 13 card error,",
                "14 middleware error, 15 the registration authority refused or could not be reached."})
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
                "which operation? Give a command: info, personalize, change-pin, unblock or sign");
    }

    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = BridgeCli.class.getPackage().getImplementationVersion();
            return new String[] {"cartes-bridge " + (version == null ? "development build" : version)};
        }
    }
}
