package fr.cartesagents.bridge.cli;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pin.PinPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "unblock", mixinStandardHelpOptions = true,
        description = {"Unblock the card and set a new PIN: the unblock code (PUK, the token's SO PIN), then the new PIN."})
final class UnblockCommand extends CardCommand {

    @Mixin
    PinInput pins;

    @Override
    void run(CardDriver driver) {
        try (Pin unblockCode = pins.read(cli.stdin(), "unblock code");
             Pin replacement = pins.readNew(cli.stdin(), "new PIN")) {
            PinPolicy.STANDARD.check(replacement);
            driver.unblockPin(unblockCode, replacement);
        }
        out().println("Card unblocked, new PIN set.");
    }
}
