package fr.cartesagents.bridge.cli;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pin.PinPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "change-pin", mixinStandardHelpOptions = true,
        description = "Change the card's PIN: current PIN, then the new one (4 to 8 digits, not trivial).")
final class ChangePinCommand extends CardCommand {

    @Mixin
    PinInput pins;

    @Override
    void run(CardDriver driver) {
        try (Pin current = pins.read(cli.stdin(), "current PIN");
             Pin replacement = pins.readNew(cli.stdin(), "new PIN")) {
            PinPolicy.STANDARD.check(current, replacement);
            driver.changePin(current, replacement);
        }
        out().println("PIN changed.");
    }
}
