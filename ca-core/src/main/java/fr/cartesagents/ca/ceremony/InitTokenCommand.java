package fr.cartesagents.ca.ceremony;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Initialises a token on a free slot of a PKCS#11 module and sets its security-officer and user PINs. */
@Command(name = "init-token", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
        versionProvider = KeyCeremonyCli.Version.class,
        description = {"Initialise a PKCS#11 token (SoftHSM2 or a free HSM slot): label, security-officer PIN, user PIN.",
                "PINs are prompted without echo, or read from a file or an environment variable; never typed on the command line."})
final class InitTokenCommand implements Callable<Integer> {

    @Option(names = "--module", paramLabel = "LIBRARY", required = true,
            description = "PKCS#11 library (SoftHSM2: /usr/lib/softhsm/libsofthsm2.so).")
    Path module;

    @Option(names = "--label", paramLabel = "LABEL", required = true, description = "Label of the new token (1 to 32 bytes).")
    String label;

    @Option(names = "--so-pin", arity = "0..1", fallbackValue = SecretSource.PROMPT,
            description = "Prompt for the security-officer PIN (no echo); a value written after it is refused.")
    String soPin;

    @Option(names = "--so-pin-file", paramLabel = "FILE", description = "File whose first line is the security-officer PIN.")
    Path soPinFile;

    @Option(names = "--so-pin-env", paramLabel = "VARIABLE", description = "Environment variable holding the security-officer PIN.")
    String soPinEnv;

    @Mixin
    UserPinOptions userPin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TokenLocation.Pkcs11Token.requireModule(module);
        // A label in use or a module without a free slot is known before anybody types a PIN.
        try {
            Pkcs11CryptoToken.requireFreeSlotFor(module, label);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--label: " + e.getMessage());
        }
        char[] so = new SecretSource("security-officer PIN of token '" + label + "'", "--so-pin", "--so-pin-file",
                "--so-pin-env", soPin, soPinFile, soPinEnv).read(spec, true);
        char[] user = null;
        try {
            user = userPin.of(label).read(spec, true);
            if (Arrays.equals(so, user)) {
                throw new CeremonyException("the security-officer PIN and the user PIN must differ: "
                        + "they are held by different people");
            }
            Pkcs11CryptoToken.initializeToken(module, label, so, user);
        } finally {
            Arrays.fill(so, '\0');
            if (user != null) {
                Arrays.fill(user, '\0');
            }
        }
        spec.commandLine().getOut().println("Token '" + label + "' initialised in " + module);
        return 0;
    }
}
