package fr.cartesagents.ca.cardsecret;

/**
 * The secrets of one card, recomputed on demand from a master key and the card serial: nothing
 * per card is stored, so a database leak reveals no PUK.
 *
 * <p>Implementations are thread-safe and log nothing.
 */
public interface CardSecrets {

    /** The card's PUK, written into the card at personalization and given for a PUK unblock. */
    Puk puk(CardSerial serial);

    /** The card's unblock key, for personalization only (it is written into the card once). */
    UnblockKey unblockKey(CardSerial serial);

    /** The response to the card's unblock {@code challenge}, without revealing the card's key. */
    byte[] unblockResponse(CardSerial serial, byte[] challenge);
}
