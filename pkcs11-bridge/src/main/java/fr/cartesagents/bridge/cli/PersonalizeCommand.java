package fr.cartesagents.bridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.personalization.Personalizer;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityIssuer;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ca.token.KeySpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "personalize", mixinStandardHelpOptions = true,
        description = "Générer sur la carte les clés d'authentification et de signature, les faire certifier par "
                + "l'autorité d'enregistrement, et écrire les certificats à côté de leurs clés. Remplace les clés "
                + "précédentes de la carte. Le code PIN est demandé une fois.")
final class PersonalizeCommand extends CardCommand {

    @Mixin
    PinInput pins;

    @ArgGroup(exclusive = false, multiplicity = "1")
    RegistrationAuthorityOptions registrationAuthority;

    @Option(names = "--given-name", required = true, paramLabel = "PRÉNOM", description = "Prénom du porteur.")
    String givenName;

    @Option(names = "--surname", required = true, paramLabel = "NOM", description = "Nom du porteur (mis en majuscules dans le CN).")
    String surname;

    @Option(names = "--organization", required = true, paramLabel = "NOM", description = "Nom officiel de la collectivité.")
    String organization;

    @Option(names = "--siren", required = true, paramLabel = "SIREN", description = "SIREN de la collectivité (9 chiffres).")
    String siren;

    @Option(names = "--holder-id", required = true, paramLabel = "ID",
            description = "Identifiant du porteur enregistré par l'autorité d'enregistrement.")
    String holderId;

    @Option(names = "--key-type", defaultValue = "RSA_2048", paramLabel = "TYPE",
            description = "Type de clé : ${COMPLETION-CANDIDATES} (défaut ${DEFAULT-VALUE}).")
    KeySpec keySpec;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Écrire aussi authentication.pem et signature.pem (avec leur chaîne) dans ce répertoire.")
    Path outputDirectory;

    @Override
    void run(CardDriver driver) throws IOException {
        HolderSubject holder;
        try {
            holder = new HolderSubject(givenName, surname, organization, new Siren(siren), holderId);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        RegistrationAuthorityIssuer issuer = registrationAuthority.connection().issuerFor(holder);
        Map<KeyRole, List<X509CertificateHolder>> chains;
        try (Pin pin = pins.read(cli.stdin(), "code PIN"); AuthenticatedCard card = driver.authenticate(pin)) {
            chains = new Personalizer(issuer, keySpec).personalize(card, new X500Name("CN=" + holder.commonName()));
        }
        for (KeyRole role : KeyRole.values()) {
            X509CertificateHolder certificate = chains.get(role).get(0);
            out().println(role.label() + " : " + certificate.getSubject() + ", numéro de série " + certificate.getSerialNumber().toString(16));
            if (outputDirectory != null) {
                Files.createDirectories(outputDirectory);
                PemFiles.writeChain(outputDirectory.resolve(role.name().toLowerCase(java.util.Locale.ROOT) + ".pem"), chains.get(role));
            }
        }
        out().println("Carte personnalisée.");
    }
}
