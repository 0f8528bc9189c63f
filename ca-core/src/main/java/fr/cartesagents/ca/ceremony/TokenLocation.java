package fr.cartesagents.ca.ceremony;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ca.token.Pkcs11Settings;
import fr.cartesagents.ca.token.Pkcs12CryptoToken;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Which token a command works with: a PKCS#12 file, or a PKCS#11 token (HSM slot, SoftHSM2) found by its label. */
sealed interface TokenLocation permits TokenLocation.Pkcs12File, TokenLocation.Pkcs11Token {

    /**
     * Opens the token, asking for its secret. A PKCS#12 file that does not exist is created when
     * {@code createIfMissing}, else refused.
     */
    OpenedToken open(CommandSpec spec, boolean createIfMissing);

    /**
     * What can be checked without the secret: the PKCS#11 module exists, a PKCS#12 file exists
     * unless it is to be created.
     *
     * @throws CeremonyException when it does not
     */
    void checkBeforeSecrets(boolean createIfMissing);

    /**
     * The location the options describe, whatever their prefix ({@code --p12}, {@code --root-p12}...).
     *
     * @throws ParameterException when both kinds of token, or neither, are given, or options of one
     *                            kind are mixed with the other
     */
    static TokenLocation of(CommandSpec spec, String role, String prefix, Path p12, SecretSource password,
                            Path pkcs11Module, String tokenLabel, SecretSource pin) {
        boolean pkcs11 = pkcs11Module != null || tokenLabel != null;
        if (p12 != null && pkcs11) {
            throw new ParameterException(spec.commandLine(), "the " + role + " is either a PKCS#12 file (--" + prefix
                    + "p12) or a PKCS#11 token (--" + prefix + "pkcs11-module and --" + prefix + "token-label), not both");
        }
        if (p12 != null) {
            if (pin.isGiven()) {
                throw new ParameterException(spec.commandLine(), "a PKCS#12 file has a password, not a PIN: use --"
                        + prefix + "password, --" + prefix + "password-file or --" + prefix + "password-env");
            }
            return new Pkcs12File(p12, password);
        }
        if (pkcs11) {
            if (pkcs11Module == null || tokenLabel == null) {
                throw new ParameterException(spec.commandLine(), "a PKCS#11 " + role + " needs both --" + prefix
                        + "pkcs11-module LIBRARY and --" + prefix + "token-label LABEL");
            }
            if (password.isGiven()) {
                throw new ParameterException(spec.commandLine(), "a PKCS#11 token has a PIN, not a password: use --"
                        + prefix + "pin, --" + prefix + "pin-file or --" + prefix + "pin-env");
            }
            return new Pkcs11Token(pkcs11Module, tokenLabel, pin);
        }
        throw new ParameterException(spec.commandLine(), "which " + role + "? Give --" + prefix + "p12 FILE, or --"
                + prefix + "pkcs11-module LIBRARY with --" + prefix + "token-label LABEL");
    }

    /** A password-protected PKCS#12 file: for the offline root (kept on encrypted media) and OCSP signers. */
    record Pkcs12File(Path file, SecretSource password) implements TokenLocation {

        @Override
        public void checkBeforeSecrets(boolean createIfMissing) {
            if (!createIfMissing && !Files.exists(file)) {
                throw new CeremonyException("PKCS#12 file " + file + " does not exist");
            }
        }

        @Override
        public OpenedToken open(CommandSpec spec, boolean createIfMissing) {
            checkBeforeSecrets(createIfMissing);
            boolean exists = Files.exists(file);
            char[] secret = password.read(spec, !exists);
            try {
                if (exists) {
                    return new OpenedToken(Pkcs12CryptoToken.open(file, secret), null);
                }
                Pkcs12CryptoToken created = Pkcs12CryptoToken.create(file, secret);
                return new OpenedToken(created, created.file());
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
    }

    /** A token of a PKCS#11 module, found by its label; keys are generated inside it and never leave it. */
    record Pkcs11Token(Path module, String label, SecretSource pin) implements TokenLocation {

        @Override
        public void checkBeforeSecrets(boolean createIfMissing) {
            requireModule(module);
        }

        /** @throws CeremonyException unless {@code module} is a file */
        static void requireModule(Path module) {
            if (!Files.isRegularFile(module)) {
                throw new CeremonyException("PKCS#11 module " + module + " does not exist (SoftHSM2: "
                        + "/usr/lib/softhsm/libsofthsm2.so from the Debian package softhsm2; an HSM: its vendor's library)");
            }
        }

        @Override
        public OpenedToken open(CommandSpec spec, boolean createIfMissing) {
            checkBeforeSecrets(createIfMissing);
            char[] secret = pin.read(spec, false);
            try {
                return new OpenedToken(Pkcs11CryptoToken.open(new Pkcs11Settings(module, label, secret)), null);
            } catch (IllegalArgumentException e) {
                throw new CeremonyException(e.getMessage());
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
    }
}
