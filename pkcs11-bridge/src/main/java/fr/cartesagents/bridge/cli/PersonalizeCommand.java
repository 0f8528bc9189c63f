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
        description = {"Generate the authentication and signature keys on the card, have the registration authority",
                "certify them, and write the certificates next to their keys. Replaces the card's previous keys."})
final class PersonalizeCommand extends CardCommand {

    @Mixin
    PinInput pins;

    @ArgGroup(exclusive = false, multiplicity = "1")
    RegistrationAuthorityOptions registrationAuthority;

    @Option(names = "--given-name", required = true) String givenName;
    @Option(names = "--surname", required = true) String surname;
    @Option(names = "--organization", required = true, description = "Official name of the collectivity.") String organization;
    @Option(names = "--siren", required = true) String siren;
    @Option(names = "--holder-id", required = true, description = "Holder identifier registered by the authority.") String holderId;

    @Option(names = "--key-type", defaultValue = "RSA_2048", description = "Key type: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    KeySpec keySpec;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Also write authentication.pem and signature.pem (with their chain) there.")
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
        try (Pin pin = pins.read(cli.stdin(), "PIN"); AuthenticatedCard card = driver.authenticate(pin)) {
            chains = new Personalizer(issuer, keySpec).personalize(card, new X500Name("CN=" + holder.commonName()));
        }
        for (KeyRole role : KeyRole.values()) {
            X509CertificateHolder certificate = chains.get(role).get(0);
            out().println(role.label() + ": " + certificate.getSubject() + ", serial " + certificate.getSerialNumber().toString(16));
            if (outputDirectory != null) {
                Files.createDirectories(outputDirectory);
                PemFiles.writeChain(outputDirectory.resolve(role.name().toLowerCase(java.util.Locale.ROOT) + ".pem"), chains.get(role));
            }
        }
        out().println("Card personalized.");
    }
}
