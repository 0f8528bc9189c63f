package fr.cartesagents.bridge.cli;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pin.PinPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "unblock", mixinStandardHelpOptions = true,
        description = {"Débloquer la carte et choisir un nouveau code PIN : le code de déblocage (PUK), puis le nouveau code PIN."})
final class UnblockCommand extends CardCommand {

    @Mixin
    PinInput pins;

    @Override
    void run(CardDriver driver) {
        try (Pin unblockCode = pins.read(cli.stdin(), "code de déblocage");
             Pin replacement = pins.readNew(cli.stdin(), "nouveau code PIN")) {
            PinPolicy.STANDARD.check(replacement);
            driver.unblockPin(unblockCode, replacement);
        }
        out().println("Carte débloquée, nouveau code PIN enregistré.");
    }
}
