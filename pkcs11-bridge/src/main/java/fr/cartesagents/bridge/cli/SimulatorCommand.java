package fr.cartesagents.bridge.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import fr.cartesagents.bridge.apdu.SecretFormat;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.pcsc.PcscReaders;
import fr.cartesagents.bridge.pcsc.ReaderEvent;
import fr.cartesagents.bridge.simulator.SimulatedCard;
import fr.cartesagents.ca.cardsecret.DerivedCardSecrets;
import fr.cartesagents.ca.cardsecret.SoftwareMasterKey;
import fr.cartesagents.bridge.simulator.SimulatedCardState;
import fr.cartesagents.bridge.simulator.VpcdLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Puts the card simulator into vsmartcard's virtual reader, for demonstrations and manual tests, and
 * keeps it there until Ctrl-C (or an interrupt). If pcscd restarts, the card goes back in as soon as
 * the virtual reader listens again.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = {"Attach the card simulator (a TEST card) to the local virtual reader of vsmartcard-vpcd",
                "(pcscd must run with the vpcd driver: apt-get install pcscd vsmartcard-vpcd). Runs until Ctrl-C.",
                "See docs/card-simulator.md."})
public final class SimulatorCommand implements Callable<Integer> {

    private static final Duration CONNECT_PATIENCE = Duration.ofSeconds(10);
    private static final Duration INSERTION_NOTICE = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Keep the card in FILE across restarts (created with a new card if missing; PIN and PUK stored as digests).")
    Path stateFile;

    @Option(names = "--host", defaultValue = VpcdLink.DEFAULT_HOST, description = "Host of vpcd (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "35963",
            description = "Port of vpcd: 35963 for the reader 'Virtual PCD 00 00', 35964 for '... 00 01' (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--initial-pin", paramLabel = "DIGITS", defaultValue = "1234",
            description = "User PIN of a new card (4 to 8 digits; default ${DEFAULT-VALUE}: a test card).")
    String initialPin;

    @Option(names = "--initial-puk", paramLabel = "CODE", defaultValue = "3141592653589793",
            description = "Unblock code (PUK) of a new card (8 to 16 characters; default ${DEFAULT-VALUE}: a test card).")
    String initialPuk;

    @Option(names = "--issuer-master-key", paramLabel = "FILE",
            description = {"The issuer's development master key (64 hex digits, the server's software card-secret key):",
                    "a new card gets the PUK and the challenge-response unblock key derived from it for its serial,",
                    "instead of --initial-puk."})
    Path issuerMasterKey;

    @Override
    public Integer call() {
        SimulatedCard card = card();
        PrintWriter out = spec.commandLine().getOut();
        out.println("WARNING: this is a TEST card simulator. Its keys are software keys"
                + (stateFile == null ? " held in memory" : " kept in " + stateFile.toAbsolutePath())
                + ": never use it for a real agent.");
        out.flush();
        Thread running = Thread.currentThread();
        VpcdLink[] current = new VpcdLink[1];
        Thread removeOnExit = new Thread(() -> {
            running.interrupt();
            synchronized (current) {
                if (current[0] != null) {
                    current[0].close();
                }
            }
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(removeOnExit);
        try {
            while (!running.isInterrupted()) {
                Optional<PcscReaders.ReaderWatch> watch = watchReaders();
                VpcdLink link = VpcdLink.connect(card, host, port, CONNECT_PATIENCE);
                synchronized (current) {
                    current[0] = link;
                }
                out.println("Card " + card.state().serialNumberHex() + " inserted into " + readerName(watch)
                        + " (vpcd " + host + ":" + port + "). Ctrl-C removes it.");
                out.flush();
                try {
                    link.awaitDisconnection();
                    out.println("The virtual reader closed the connection; putting the card back when it listens again.");
                    out.flush();
                } catch (InterruptedException e) {
                    link.close();
                    break;
                }
            }
        } finally {
            removeShutdownHook(removeOnExit);
        }
        out.println("Card removed.");
        out.flush();
        return 0;
    }

    private SimulatedCard card() {
        byte[] pin = initialPin.getBytes(StandardCharsets.US_ASCII);
        byte[] puk = initialPuk.getBytes(StandardCharsets.US_ASCII);
        try {
            if (!SecretFormat.isUserPin(pin) || !SecretFormat.isUnblockSecret(puk)) {
                throw new ParameterException(spec.commandLine(),
                        "--initial-pin must be 4 to 8 digits and --initial-puk 8 to 16 printable characters");
            }
            java.util.function.Supplier<SimulatedCardState> newCard = issuerMasterKey == null
                    ? () -> SimulatedCardState.issue(pin, puk)
                    : () -> SimulatedCardState.issue(new DerivedCardSecrets(SoftwareMasterKey.read(issuerMasterKey)), pin);
            return stateFile == null ? SimulatedCard.inMemory(newCard.get()) : SimulatedCard.keptIn(stateFile, newCard);
        } finally {
            Arrays.fill(pin, (byte) 0);
            Arrays.fill(puk, (byte) 0);
        }
    }

    /** Which reader the card went into, as pcscd reports it; a guess from the port if PC/SC is not reachable. */
    private String readerName(Optional<PcscReaders.ReaderWatch> watch) {
        String guess = "Virtual PCD 00 0" + Math.max(0, port - VpcdLink.DEFAULT_PORT);
        if (watch.isEmpty()) {
            return "'" + guess + "'";
        }
        try {
            List<ReaderEvent> events = watch.get().next(INSERTION_NOTICE);
            return events.stream().filter(event -> event.kind() == ReaderEvent.Kind.CARD_INSERTED)
                    .map(event -> "'" + event.reader() + "'").findFirst().orElse("'" + guess + "'");
        } catch (CardException e) {
            return "'" + guess + "'";
        }
    }

    private static Optional<PcscReaders.ReaderWatch> watchReaders() {
        try {
            return Optional.of(PcscReaders.watch());
        } catch (CardException e) {
            return Optional.empty();
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running.
        }
    }
}
