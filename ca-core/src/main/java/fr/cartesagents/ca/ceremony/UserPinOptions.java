package fr.cartesagents.ca.ceremony;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** How a command is given a PKCS#11 token's user PIN: typed at a prompt, from a file, or from the environment. */
final class UserPinOptions {

    @Option(names = "--pin", arity = "0..1", fallbackValue = SecretSource.PROMPT,
            description = "Prompt for the token's user PIN (no echo); a value written after it is refused.")
    String pin;

    @Option(names = "--pin-file", paramLabel = "FILE", description = "File whose first line is the token's user PIN.")
    Path pinFile;

    @Option(names = "--pin-env", paramLabel = "VARIABLE", description = "Environment variable holding the user PIN.")
    String pinEnv;

    /** Where to read the user PIN of the token labelled {@code tokenLabel}. */
    SecretSource of(String tokenLabel) {
        return new SecretSource("user PIN of token '" + tokenLabel + "'", "--pin", "--pin-file", "--pin-env", pin, pinFile, pinEnv);
    }
}
