package fr.cartesagents.bridge.cli;

import java.util.Arrays;
import java.util.UUID;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardInfo;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.personalization.IssuedPair;
import fr.cartesagents.bridge.personalization.OrderPersonalizer;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityClient;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityConnection;
import fr.cartesagents.ca.token.KeySpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "personalize-order", mixinStandardHelpOptions = true,
        description = {"Personalize the card of an approved order: generate both key pairs on the card, have the registration",
                "authority certify both in one call (with the operator's own certificate; the holder's name comes from its",
                "directory), and write both certificates. With --resume, certify the keys already on the card (a card pulled",
                "out or a connection lost after the key generation): the same request gets the same certificates back."})
final class PersonalizeOrderCommand extends CardCommand {

    @Mixin
    PinInput pins;

    @ArgGroup(exclusive = false, multiplicity = "1")
    RegistrationAuthorityOptions registrationAuthority;

    @Option(names = "--order", required = true, paramLabel = "ID", description = "The approved card order.")
    UUID order;

    @Option(names = "--resume", description = "Keep the keys already on the card instead of generating new ones.")
    boolean resume;

    @Option(names = "--key-type", defaultValue = "RSA_2048", description = "Key type: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    KeySpec keySpec;

    @Override
    void run(CardDriver driver) {
        RegistrationAuthorityConnection connection = registrationAuthority.connection();
        char[] secret = connection.clientSecret();
        RegistrationAuthorityClient client;
        try {
            client = RegistrationAuthorityClient.connect(connection.apiBase(), connection.clientKey(), secret, connection.caChain());
        } finally {
            Arrays.fill(secret, '\0');
        }
        CardInfo info = driver.info();
        IssuedPair issued;
        try (Pin pin = pins.read(cli.stdin(), "PIN"); AuthenticatedCard card = driver.authenticate(pin)) {
            OrderPersonalizer personalizer = new OrderPersonalizer(client, keySpec);
            issued = resume ? personalizer.resume(card, order, info.serialNumber(), info.atrHex())
                    : personalizer.personalize(card, order, info.serialNumber(), info.atrHex());
        }
        out().println("Card " + issued.cardId() + " (serial " + info.serialNumber() + ")");
        out().println("Authentication: " + issued.authentication().getSubject() + ", serial "
                + issued.authentication().getSerialNumber().toString(16));
        out().println("Signature: " + issued.signature().getSerialNumber().toString(16));
        out().println("Card personalized.");
    }
}
