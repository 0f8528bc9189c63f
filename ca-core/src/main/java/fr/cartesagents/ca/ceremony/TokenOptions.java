package fr.cartesagents.ca.ceremony;

import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The token in which a command generates a new key: a PKCS#12 file or a PKCS#11 token. */
public final class TokenOptions {

    @Option(names = "--p12", paramLabel = "FILE",
            description = "PKCS#12 file that receives the new key (created if it does not exist).")
    Path p12;

    @Option(names = "--password", arity = "0..1", fallbackValue = SecretSource.PROMPT,
            description = "Prompt for the PKCS#12 password (no echo); a value written after it is refused.")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the PKCS#12 password.")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VARIABLE",
            description = "Environment variable holding the PKCS#12 password.")
    String passwordEnv;

    @Option(names = "--pkcs11-module", paramLabel = "LIBRARY",
            description = "PKCS#11 library of the HSM (SoftHSM2: /usr/lib/softhsm/libsofthsm2.so).")
    Path pkcs11Module;

    @Option(names = "--token-label", paramLabel = "LABEL", description = "Label of the PKCS#11 token.")
    String tokenLabel;

    @Mixin
    UserPinOptions userPin;

    TokenLocation location(CommandSpec spec) {
        return TokenLocation.of(spec, "token of the new key", "", p12,
                new SecretSource("PKCS#12 password of " + p12, "--password", "--password-file", "--password-env",
                        password, passwordFile, passwordEnv),
                pkcs11Module, tokenLabel,
                userPin.of(tokenLabel));
    }
}
