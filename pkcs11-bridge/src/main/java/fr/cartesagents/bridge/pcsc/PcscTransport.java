package fr.cartesagents.bridge.pcsc;

import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import fr.cartesagents.bridge.apdu.ApduTransport;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;

/**
 * The basic channel of a connected card, through pcscd. A failed exchange becomes CARD_REMOVED
 * when the card is gone — pcscd may take a polling period to notice, hence the short wait. A reader
 * that loses the card in the middle of a command may also answer nothing at all (vpcd does: an empty
 * response, which the JDK refuses as shorter than a status word): that too is a failed exchange.
 */
final class PcscTransport implements ApduTransport {

    private static final long REMOVAL_NOTICE_MILLIS = 1500;

    private final CardTerminal terminal;
    private final Card card;
    private final CardChannel channel;
    private boolean removed;

    PcscTransport(CardTerminal terminal, Card card) {
        this.terminal = terminal;
        this.card = card;
        this.channel = card.getBasicChannel();
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) {
        try {
            return channel.transmit(command);
        } catch (javax.smartcardio.CardException | IllegalArgumentException e) {
            throw failedExchange(e);
        } catch (IllegalStateException e) {
            throw PcscFailures.unusableConnection(terminal.getName(), e);
        }
    }

    private CardException failedExchange(Exception e) {
        CardException failure = PcscFailures.duringOperation(terminal.getName(), e, !hasLeft());
        removed |= failure.failure() == CardFailure.CARD_REMOVED;
        return failure;
    }

    /** Runs {@code operation} with the card held exclusively, so that no other application interleaves APDUs. */
    <T> T exclusively(java.util.function.Supplier<T> operation) {
        try {
            card.beginExclusive();
        } catch (javax.smartcardio.CardException e) {
            throw failedExchange(e);
        } catch (IllegalStateException e) {
            throw PcscFailures.unusableConnection(terminal.getName(), e);
        }
        try {
            return operation.get();
        } finally {
            try {
                card.endExclusive();
            } catch (javax.smartcardio.CardException | IllegalStateException e) {
                // The card left or the connection closed: nothing is held any more.
            }
        }
    }

    /**
     * Ends the connection and resets the card, which forgets the verified PIN. A card that left needs
     * no reset, and asking a reader to reset what is not there can leave pcscd's reader state stuck.
     */
    void disconnect() {
        try {
            card.disconnect(!removed);
        } catch (javax.smartcardio.CardException | IllegalStateException e) {
            // Already gone.
        }
    }

    private boolean hasLeft() {
        try {
            return terminal.waitForCardAbsent(REMOVAL_NOTICE_MILLIS);
        } catch (javax.smartcardio.CardException e) {
            return true;
        }
    }
}
