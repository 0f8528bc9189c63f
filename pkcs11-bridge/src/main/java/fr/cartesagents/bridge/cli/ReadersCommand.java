package fr.cartesagents.bridge.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.pcsc.PcscReaders;
import fr.cartesagents.bridge.pcsc.ReaderEvent;
import fr.cartesagents.bridge.pcsc.ReaderStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The PC/SC readers of this workstation, whether each holds a card, and its ATR. */
@Command(name = "readers", mixinStandardHelpOptions = true,
        description = "Lister les lecteurs de carte PC/SC : carte présente ou non, et son ATR. Code de sortie 3 quand "
                + "aucun lecteur n'est branché ou que PC/SC (pcscd) ne fonctionne pas.")
public final class ReadersCommand implements Callable<Integer> {

    private static final Duration WATCH_STEP = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--watch", description = "Après la liste, afficher les cartes insérées et retirées, jusqu'à Ctrl-C.")
    boolean watch;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PcscReaders.ReaderWatch events = watch ? PcscReaders.watch() : null;
        List<ReaderStatus> readers = PcscReaders.list();
        if (readers.isEmpty() && !watch) {
            throw new CardException(CardFailure.NO_READER, "No card reader is connected: plug one in (and check that pcscd runs)");
        }
        for (ReaderStatus reader : readers) {
            out.println(describe(reader));
        }
        out.flush();
        while (events != null && !Thread.currentThread().isInterrupted()) {
            for (ReaderEvent event : events.next(WATCH_STEP)) {
                out.println((event.kind() == ReaderEvent.Kind.CARD_INSERTED ? "carte insérée dans " : "carte retirée de ")
                        + event.reader());
                out.flush();
            }
        }
        return 0;
    }

    static String describe(ReaderStatus reader) {
        return reader.name() + ": " + (reader.cardPresent()
                ? "carte présente" + reader.atrHex().map(atr -> ", ATR " + atr).orElse("")
                : "pas de carte");
    }
}
