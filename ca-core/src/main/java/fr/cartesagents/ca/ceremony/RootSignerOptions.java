package fr.cartesagents.ca.ceremony;

import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The root CA that signs: its token (PKCS#12 file or PKCS#11 token), its certificate and its key alias. */
public final class RootSignerOptions {

    @Option(names = "--root-p12", paramLabel = "FILE", description = "PKCS#12 file holding the root key.")
    Path p12;

    @Option(names = "--root-password", arity = "0..1", fallbackValue = SecretSource.PROMPT,
            description = "Prompt for the root PKCS#12 password (no echo); a value written after it is refused.")
    String password;

    @Option(names = "--root-password-file", paramLabel = "FILE", description = "File whose first line is the root PKCS#12 password.")
    Path passwordFile;

    @Option(names = "--root-password-env", paramLabel = "VARIABLE",
            description = "Environment variable holding the root PKCS#12 password.")
    String passwordEnv;

    @Option(names = "--root-pkcs11-module", paramLabel = "LIBRARY", description = "PKCS#11 library of the root's HSM.")
    Path pkcs11Module;

    @Option(names = "--root-token-label", paramLabel = "LABEL", description = "Label of the root's PKCS#11 token.")
    String tokenLabel;

    @Option(names = "--root-pin", arity = "0..1", fallbackValue = SecretSource.PROMPT,
            description = "Prompt for the root token's user PIN (no echo); a value written after it is refused.")
    String pin;

    @Option(names = "--root-pin-file", paramLabel = "FILE", description = "File whose first line is the root token's user PIN.")
    Path pinFile;

    @Option(names = "--root-pin-env", paramLabel = "VARIABLE",
            description = "Environment variable holding the root token's user PIN.")
    String pinEnv;

    @Option(names = "--root-cert", paramLabel = "FILE", required = true, description = "The root certificate (PEM or DER).")
    Path certificate;

    @Option(names = "--root-key-alias", paramLabel = "ALIAS", required = true, description = "Alias of the root key in its token.")
    String keyAlias;

    /** Checks the options and the certificate; asks for no secret (see {@link SigningCa.Plan#open}). */
    SigningCa.Plan plan(CommandSpec spec) {
        TokenLocation location = TokenLocation.of(spec, "root token", "root-", p12,
                new SecretSource("root PKCS#12 password of " + p12, "--root-password", "--root-password-file",
                        "--root-password-env", password, passwordFile, passwordEnv),
                pkcs11Module, tokenLabel,
                new SecretSource("user PIN of root token '" + tokenLabel + "'", "--root-pin", "--root-pin-file",
                        "--root-pin-env", pin, pinFile, pinEnv));
        return SigningCa.plan(location, certificate, "--root-cert", keyAlias);
    }
}
