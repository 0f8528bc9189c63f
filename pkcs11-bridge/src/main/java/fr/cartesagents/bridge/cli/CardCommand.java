package fr.cartesagents.bridge.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import fr.cartesagents.bridge.card.CardDriver;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that opens one card, does its work on it and closes it. */
abstract class CardCommand implements Callable<Integer> {

    @ParentCommand
    BridgeCli cli;

    @Mixin
    DriverOptions driverOptions;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try (CardDriver driver = driverOptions.open()) {
            run(driver);
        }
        out().flush();
        return 0;
    }

    abstract void run(CardDriver driver) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
