package fr.cartesagents.ca.ceremony;

import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import fr.cartesagents.ca.token.QuietPkcs11Wrapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The key-ceremony command line for operators: initialise an HSM token, create the offline root, the
 * issuing CA and the OCSP signer, issue a certificate from a CSR and sign CRLs. The procedure is
 * docs/operations/key-ceremony.md.
 */
@Command(name = "key-ceremony", mixinStandardHelpOptions = true, versionProvider = KeyCeremonyCli.Version.class,
        description = "Key ceremony of the Cartes Agents PKI (see docs/operations/key-ceremony.md).",
        subcommands = {InitTokenCommand.class, CreateRootCommand.class, CreateIssuingCaCommand.class,
                CreateOcspSignerCommand.class, CreateCardMasterKeyCommand.class, IssueCommand.class, CrlCommand.class},
        footer = {"", "Exit codes: 0 done, 1 the step failed (nothing was written), 2 wrong command line."})
public final class KeyCeremonyCli implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace as well as the message.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        QuietPkcs11Wrapper.install(System.err);
        StandardInputLines.readProcessInputUnbuffered();
        // The JDK alone cannot rebuild an EC public key named by its OID, which checking the proof of
        // possession of an ECDSA request needs; BouncyCastle, last in line, fills that gap (as in the server).
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests execute it in-process with their own output streams. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new KeyCeremonyCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        Converters.register(commandLine);
        ErrorReporter errors = new ErrorReporter();
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionExceptionHandler(errors);
        return commandLine;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "which step? Give a command: init-token, create-root, "
                + "create-issuing-ca, create-ocsp-signer, issue or crl");
    }

    /** The version of the jar the CLI runs from (its manifest), or "development build" from the IDE or Maven. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = KeyCeremonyCli.class.getPackage().getImplementationVersion();
            return new String[] {"key-ceremony (Cartes Agents CA core) " + (version == null ? "development build" : version)};
        }
    }
}
