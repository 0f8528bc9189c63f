package fr.cartesagents.bridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableFile;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.signing.ChallengeSigner;
import fr.cartesagents.bridge.signing.CmsSigner;
import fr.cartesagents.ca.hierarchy.PemFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Signer un fichier (CMS détaché, clé de signature) ou un défi de connexion (clé d'authentification)."})
final class SignCommand extends CardCommand {

    @Mixin
    PinInput pins;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--cms", paramLabel = "FILE", description = "Fichier à signer ; la signature va dans FILE.p7s (DER) sauf --out.")
        Path file;

        @Option(names = "--challenge", paramLabel = "BASE64", description = "Défi à signer ; affiche la signature en base64.")
        String challenge;
    }

    @Option(names = "--out", paramLabel = "FILE", description = "Où écrire la signature CMS.")
    Path output;

    @Option(names = "--ca-chain", paramLabel = "FILE", description = "Certificats d'AC (PEM) à inclure dans la signature CMS.")
    Path caChain;

    @Override
    void run(CardDriver driver) throws IOException {
        if (what.file != null) {
            signFile(driver);
        } else {
            signChallenge(driver);
        }
    }

    private void signFile(CardDriver driver) throws IOException {
        if (!Files.isRegularFile(what.file)) {
            throw new UsageException("pas de fichier " + what.file + " à signer");
        }
        X509CertificateHolder certificate = driver.info().certificates().get(KeyRole.SIGNATURE);
        if (certificate == null) {
            throw new CardException(CardFailure.KEY_NOT_FOUND, "The card has no signature certificate: personalize it first");
        }
        List<X509CertificateHolder> chain = caChain == null ? List.of() : PemFiles.readCertificates(caChain);
        byte[] signature;
        try (Pin pin = pins.read(cli.stdin(), "code PIN"); AuthenticatedCard card = driver.authenticate(pin)) {
            signature = CmsSigner.signDetached(card, certificate, chain, new CMSProcessableFile(what.file.toFile()));
        }
        Path target = output != null ? output : what.file.resolveSibling(what.file.getFileName() + ".p7s");
        Files.write(target, signature);
        out().println("Signature écrite dans " + target);
    }

    private void signChallenge(CardDriver driver) {
        byte[] challenge;
        try {
            challenge = Base64.getDecoder().decode(what.challenge);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--challenge n'est pas du base64 : " + e.getMessage());
        }
        ChallengeSigner.SignedChallenge signed;
        try (Pin pin = pins.read(cli.stdin(), "code PIN"); AuthenticatedCard card = driver.authenticate(pin)) {
            signed = ChallengeSigner.sign(card, challenge);
        }
        out().println(signed.algorithm().jcaName() + " " + Base64.getEncoder().encodeToString(signed.signature()));
    }
}
