package fr.cartesagents.bridge.pcsc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;

/** The PC/SC readers of this workstation: which there are, which hold a card, and card insertion/removal. */
public final class PcscReaders {

    private PcscReaders() {
    }

    /**
     * Every reader PC/SC knows, with whether it holds a card and that card's ATR (read by a shared
     * connection, left without resetting the card). Empty when no reader is plugged in.
     *
     * @throws CardException {@link CardFailure#NO_READER} when PC/SC itself is unavailable
     */
    public static List<ReaderStatus> list() {
        List<ReaderStatus> readers = new ArrayList<>();
        for (CardTerminal terminal : terminals()) {
            boolean present = isCardPresent(terminal);
            readers.add(new ReaderStatus(terminal.getName(), present, present ? atrHex(terminal) : Optional.empty()));
        }
        return List.copyOf(readers);
    }

    /**
     * Waits until a card is in {@code reader}, or {@code timeout} passes.
     *
     * @return whether a card is there
     * @throws CardException {@link CardFailure#NO_READER} when there is no such reader
     */
    public static boolean waitForCardPresent(String reader, Duration timeout) {
        CardTerminal terminal = terminal(reader);
        try {
            return terminal.waitForCardPresent(positiveMillis(timeout));
        } catch (javax.smartcardio.CardException e) {
            throw PcscFailures.translate("Waiting for a card in '" + reader + "'", e);
        }
    }

    /**
     * Waits until {@code reader} is empty, or {@code timeout} passes.
     *
     * @return whether the reader is empty
     */
    public static boolean waitForCardAbsent(String reader, Duration timeout) {
        CardTerminal terminal = terminal(reader);
        try {
            return terminal.waitForCardAbsent(positiveMillis(timeout));
        } catch (javax.smartcardio.CardException e) {
            throw PcscFailures.translate("Waiting for the card to leave '" + reader + "'", e);
        }
    }

    /** Starts watching every reader: {@link ReaderWatch#next(Duration)} reports what changed since. */
    public static ReaderWatch watch() {
        return new ReaderWatch(PcscLibrary.terminalFactory().terminals());
    }

    /**
     * The reader named {@code name}.
     *
     * @throws CardException {@link CardFailure#NO_READER} naming the readers there are
     */
    public static CardTerminal terminal(String name) {
        List<CardTerminal> terminals = terminals();
        return terminals.stream().filter(terminal -> terminal.getName().equals(name)).findFirst()
                .orElseThrow(() -> new CardException(CardFailure.NO_READER, terminals.isEmpty()
                        ? "No card reader is connected (looked for '" + name + "')"
                        : "No reader named '" + name + "'; readers: " + names(terminals)));
    }

    static List<CardTerminal> terminals() {
        try {
            return PcscLibrary.terminalFactory().terminals().list();
        } catch (javax.smartcardio.CardException e) {
            throw PcscFailures.translate("Listing the card readers", e);
        }
    }

    static String names(List<CardTerminal> terminals) {
        return String.join(", ", terminals.stream().map(CardTerminal::getName).toList());
    }

    static boolean isCardPresent(CardTerminal terminal) {
        try {
            return terminal.isCardPresent();
        } catch (javax.smartcardio.CardException e) {
            return false;
        }
    }

    private static Optional<String> atrHex(CardTerminal terminal) {
        try {
            Card card = terminal.connect("*");
            try {
                return Optional.of(HexFormat.of().withUpperCase().formatHex(card.getATR().getBytes()));
            } finally {
                card.disconnect(false);
            }
        } catch (javax.smartcardio.CardException e) {
            // Removed meanwhile, or held exclusively by another application: no ATR to show.
            return Optional.empty();
        }
    }

    private static long positiveMillis(Duration timeout) {
        // javax.smartcardio reads 0 as "wait for ever"
        return Math.max(1, timeout.toMillis());
    }

    /** Readers watched for cards coming and going, from the moment of {@link PcscReaders#watch()}. */
    public static final class ReaderWatch {

        private final CardTerminals terminals;

        private ReaderWatch(CardTerminals terminals) {
            this.terminals = terminals;
            // The first wait only records the present state, against which the next ones compare.
            waitForChange(Duration.ofMillis(1));
        }

        /** The insertions and removals since the previous call, waiting up to {@code timeout} for one. */
        public List<ReaderEvent> next(Duration timeout) {
            if (!waitForChange(timeout)) {
                return List.of();
            }
            try {
                List<ReaderEvent> events = new ArrayList<>();
                for (CardTerminal terminal : terminals.list(CardTerminals.State.CARD_REMOVAL)) {
                    events.add(new ReaderEvent(terminal.getName(), ReaderEvent.Kind.CARD_REMOVED));
                }
                for (CardTerminal terminal : terminals.list(CardTerminals.State.CARD_INSERTION)) {
                    events.add(new ReaderEvent(terminal.getName(), ReaderEvent.Kind.CARD_INSERTED));
                }
                return List.copyOf(events);
            } catch (javax.smartcardio.CardException e) {
                throw PcscFailures.translate("Watching the card readers", e);
            }
        }

        private boolean waitForChange(Duration timeout) {
            try {
                return terminals.waitForChange(positiveMillis(timeout));
            } catch (javax.smartcardio.CardException e) {
                throw PcscFailures.translate("Watching the card readers", e);
            }
        }
    }
}
