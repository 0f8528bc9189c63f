package fr.cartesagents.bridge.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "personalize", mixinStandardHelpOptions = true,
        description = {"Generate the authentication and signature keys on the card, have the registration authority",
                "certify them, and write the certificates next to their keys. Replaces the card's previous keys."})
final class PersonalizeCommand extends CardCommand {

    @Mixin
    PinInput pins;

    @Option(names = "--ra-url", required = true, paramLabel = "URL",
            description = "API of the registration authority, e.g. https://ra.example.fr:8443")
    URI registrationAuthority;

    @Option(names = "--client-p12", required = true, paramLabel = "FILE",
            description = "PKCS#12 of the operator's client certificate for the registration authority.")
    Path clientKey;

    @Option(names = "--client-p12-password-file", required = true, paramLabel = "FILE",
            description = "File whose first line is the password of --client-p12.")
    Path clientSecretFile;

    @Option(names = "--ca-chain", required = true, paramLabel = "FILE",
            description = "The PKI's CA certificates (PEM): trusted for the connection, added to the certificates' chain.")
    Path caChain;

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
        char[] clientSecret = firstLine(clientSecretFile);
        RegistrationAuthorityIssuer issuer;
        try {
            issuer = RegistrationAuthorityIssuer.connect(registrationAuthority, clientKey, clientSecret, caChain, holder);
        } finally {
            Arrays.fill(clientSecret, '\0');
        }
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

    private static char[] firstLine(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            try {
                String content = new String(bytes, StandardCharsets.UTF_8);
                int end = content.indexOf('\n');
                return (end < 0 ? content : content.substring(0, end)).strip().toCharArray();
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("Cannot read the password file " + file + ": " + e.getMessage(), e));
        }
    }
}
