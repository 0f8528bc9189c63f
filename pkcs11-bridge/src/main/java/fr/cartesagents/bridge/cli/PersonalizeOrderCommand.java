package fr.cartesagents.bridge.cli;

import java.util.Arrays;
import java.util.UUID;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.personalization.IssuedPair;
import fr.cartesagents.bridge.personalization.OrderPersonalizer;
import fr.cartesagents.bridge.personalization.PersonalizedCard;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityClient;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityConnection;
import fr.cartesagents.bridge.personalization.TransportUnblockSecret;
import fr.cartesagents.ca.token.KeySpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "personalize-order", mixinStandardHelpOptions = true,
        description = {"Personnaliser la carte d'une commande validée : générer les deux bi-clés sur la carte, les faire certifier",
                "en un seul appel par l'autorité d'enregistrement (avec le certificat de l'opérateur ; le nom du porteur vient de",
                "son annuaire) et écrire les deux certificats. Avec --resume, faire certifier les clés déjà sur la carte (carte",
                "retirée ou connexion perdue après la génération) : la même demande rend les mêmes certificats. Enfin, le code de",
                "déblocage de transport du lot est remplacé par le code propre à la carte que l'autorité fournit ; --resume",
                "termine aussi cette étape."})
final class PersonalizeOrderCommand extends CardCommand {

    @Mixin
    PinInput pins;

    @ArgGroup(exclusive = false, multiplicity = "1")
    RegistrationAuthorityOptions registrationAuthority;

    @Option(names = "--order", required = true, paramLabel = "ID", description = "La commande de carte validée.")
    UUID order;

    @Option(names = "--resume", description = "Garder les clés déjà sur la carte au lieu d'en générer de nouvelles.")
    boolean resume;

    @Option(names = "--key-type", defaultValue = "RSA_2048", description = "Type de clé : ${COMPLETION-CANDIDATES} (par défaut ${DEFAULT-VALUE}).")
    KeySpec keySpec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Code de déblocage de transport du lot de cartes :%n")
    TransportSecretOptions transportSecret;

    @Override
    void run(CardDriver driver) {
        TransportUnblockSecret transport = transportSecret.checked();
        RegistrationAuthorityConnection connection = registrationAuthority.connection();
        char[] secret = connection.clientSecret();
        RegistrationAuthorityClient client;
        try {
            client = RegistrationAuthorityClient.connect(connection.apiBase(), connection.clientKey(), secret, connection.caChain());
        } finally {
            Arrays.fill(secret, '\0');
        }
        PersonalizedCard personalized;
        try (Pin pin = pins.read(cli.stdin(), "PIN")) {
            personalized = new OrderPersonalizer(client, keySpec).personalizeOrder(driver, pin, order, resume, transport);
        }
        IssuedPair issued = personalized.issued();
        out().println("Carte " + issued.cardId() + " (numéro " + personalized.cardSerial() + ")");
        out().println("Authentification : " + issued.authentication().getSubject() + ", numéro de série "
                + issued.authentication().getSerialNumber().toString(16));
        out().println("Signature : numéro de série " + issued.signature().getSerialNumber().toString(16));
        out().println(switch (personalized.unblockSecret()) {
            case REPLACED -> "Code de déblocage : celui du lot remplacé par le code propre à la carte.";
            case ALREADY_REPLACED -> "Code de déblocage : la carte avait déjà son code propre (reprise).";
            case NO_PUK_FROM_THE_SERVER -> "Code de déblocage : l'autorité d'enregistrement n'en a pas fourni, la carte garde celui de son lot.";
        });
        out().println("Carte personnalisée.");
    }
}
