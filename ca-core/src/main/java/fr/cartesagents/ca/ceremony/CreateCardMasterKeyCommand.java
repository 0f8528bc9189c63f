package fr.cartesagents.ca.ceremony;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import fr.cartesagents.ca.cardsecret.Pkcs11MasterKey;
import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ca.token.Pkcs11Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Generates, inside an HSM token, the master key of the per-card secrets (PUK, unblock key) that the
 * registration authority derives for each card ({@code cartes.card-secrets.type=pkcs11}): an HMAC key,
 * sensitive and not extractable, so that no card's secret can be computed outside the HSM. Made once:
 * every personalized card depends on it, and an alias in use is refused.
 */
@Command(name = "create-card-master-key", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
        versionProvider = KeyCeremonyCli.Version.class,
        description = {"Generate the master key of the card secrets (PUK, unblock key) inside an HSM token (HMAC-SHA256, "
                + "not extractable).", "The registration authority reads it with cartes.card-secrets.type=pkcs11."})
final class CreateCardMasterKeyCommand implements Callable<Integer> {

    @Option(names = "--module", paramLabel = "LIBRARY", required = true,
            description = "PKCS#11 library (SoftHSM2: /usr/lib/softhsm/libsofthsm2.so).")
    Path module;

    @Option(names = "--token-label", paramLabel = "LABEL", required = true, description = "Label of the token that keeps the key.")
    String tokenLabel;

    @Option(names = "--key-alias", paramLabel = "ALIAS", defaultValue = "card-master-key",
            description = "Label of the new key (default ${DEFAULT-VALUE}, as cartes.card-secrets.key-alias).")
    String keyAlias;

    @Mixin
    UserPinOptions userPin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TokenLocation.Pkcs11Token.requireModule(module);
        char[] secret = userPin.of(tokenLabel).read(spec, false);
        try (Pkcs11CryptoToken token = Pkcs11CryptoToken.open(new Pkcs11Settings(module, tokenLabel, secret))) {
            if (token.hasSecretKey(keyAlias)) {
                throw new CeremonyException("the token '" + tokenLabel + "' already holds a key '" + keyAlias
                        + "': the card master key is made once (every personalized card depends on it)");
            }
            Pkcs11MasterKey.generate(token, keyAlias);
        } catch (IllegalArgumentException e) {
            throw new CeremonyException(e.getMessage());
        } finally {
            Arrays.fill(secret, '\0');
        }
        spec.commandLine().getOut().println("Card master key '" + keyAlias + "' generated in token '" + tokenLabel + "' (not extractable)");
        return 0;
    }
}
