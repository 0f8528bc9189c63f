package fr.cartesagents.bridge.apdu;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import fr.cartesagents.bridge.card.CardException;

/**
 * One command to the card, one response back, with nothing done in between: the PC/SC channel of a
 * reader, or the card simulator itself in unit tests.
 */
@FunctionalInterface
public interface ApduTransport {

    /**
     * @throws CardException when the command could not reach the card (removed card, lost reader)
     */
    ResponseAPDU transmit(CommandAPDU command);
}
