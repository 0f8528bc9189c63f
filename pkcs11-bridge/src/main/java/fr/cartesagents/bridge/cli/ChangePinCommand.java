package fr.cartesagents.bridge.cli;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pin.PinPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "change-pin", mixinStandardHelpOptions = true,
        description = "Changer le code PIN de la carte : le code actuel, puis le nouveau (4 à 8 chiffres, non trivial).")
final class ChangePinCommand extends CardCommand {

    @Mixin
    PinInput pins;

    @Override
    void run(CardDriver driver) {
        try (Pin current = pins.read(cli.stdin(), "code PIN actuel");
             Pin replacement = pins.readNew(cli.stdin(), "nouveau code PIN")) {
            PinPolicy.STANDARD.check(current, replacement);
            driver.changePin(current, replacement);
        }
        out().println("Code PIN changé.");
    }
}
