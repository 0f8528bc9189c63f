package fr.cartesagents.ca.ceremony;

import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The CA that signs a certificate or a CRL (the issuing CA, or the root for its own CRL): its token
 * (PKCS#12 file or PKCS#11 token), its certificate and its key alias.
 */
public final class CaSignerOptions {

    @Option(names = "--ca-p12", paramLabel = "FILE", description = "PKCS#12 file holding the signing CA's key.")
    Path p12;

    @Option(names = "--ca-password", arity = "0..1", fallbackValue = SecretSource.PROMPT,
            description = "Prompt for the CA's PKCS#12 password (no echo); a value written after it is refused.")
    String password;

    @Option(names = "--ca-password-file", paramLabel = "FILE", description = "File whose first line is the CA's PKCS#12 password.")
    Path passwordFile;

    @Option(names = "--ca-password-env", paramLabel = "VARIABLE",
            description = "Environment variable holding the CA's PKCS#12 password.")
    String passwordEnv;

    @Option(names = "--ca-pkcs11-module", paramLabel = "LIBRARY", description = "PKCS#11 library of the CA's HSM.")
    Path pkcs11Module;

    @Option(names = "--ca-token-label", paramLabel = "LABEL", description = "Label of the CA's PKCS#11 token.")
    String tokenLabel;

    @Option(names = "--ca-pin", arity = "0..1", fallbackValue = SecretSource.PROMPT,
            description = "Prompt for the CA token's user PIN (no echo); a value written after it is refused.")
    String pin;

    @Option(names = "--ca-pin-file", paramLabel = "FILE", description = "File whose first line is the CA token's user PIN.")
    Path pinFile;

    @Option(names = "--ca-pin-env", paramLabel = "VARIABLE",
            description = "Environment variable holding the CA token's user PIN.")
    String pinEnv;

    @Option(names = "--ca-cert", paramLabel = "FILE", required = true,
            description = "Certificate of the signing CA (PEM or DER).")
    Path certificate;

    @Option(names = "--ca-key-alias", paramLabel = "ALIAS", required = true,
            description = "Alias of the signing CA's key in its token.")
    String keyAlias;

    /** Checks the options and the certificate; asks for no secret (see {@link SigningCa.Plan#open}). */
    SigningCa.Plan plan(CommandSpec spec) {
        TokenLocation location = TokenLocation.of(spec, "CA token", "ca-", p12,
                new SecretSource("CA PKCS#12 password of " + p12, "--ca-password", "--ca-password-file",
                        "--ca-password-env", password, passwordFile, passwordEnv),
                pkcs11Module, tokenLabel,
                new SecretSource("user PIN of CA token '" + tokenLabel + "'", "--ca-pin", "--ca-pin-file",
                        "--ca-pin-env", pin, pinFile, pinEnv));
        return SigningCa.plan(location, certificate, "--ca-cert", keyAlias);
    }
}
