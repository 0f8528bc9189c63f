package fr.cartesagents.bridge.card;

/**
 * One card in one reader, reached through a driver (PKCS#11 middleware or PC/SC APDUs). The
 * operations that need no PIN live here; those that use a key need {@link #authenticate(Pin)}
 * first, which is how both PKCS#11 (C_Login) and ISO 7816 (VERIFY) work.
 *
 * <p>Every failure a caller can act on is a {@link CardException} with its {@link CardFailure}.
 * A driver never keeps a {@link Pin} beyond the call it was given to: the caller owns and wipes it.
 * A driver is not thread-safe; the caller runs one operation at a time per card.
 */
public interface CardDriver extends AutoCloseable {

    /** Serial number, ATR or token label, PIN status and the certificates present. */
    CardInfo info();

    /** Tries left on the user PIN, and whether it is blocked, without spending a try. */
    PinStatus pinStatus();

    /** What this card allows through this driver (a PC/SC card may not generate keys, for instance). */
    CardCapabilities capabilities();

    /** Replaces the user PIN; the current PIN must be right (a wrong one spends a try). */
    void changePin(Pin current, Pin replacement);

    /** Resets the user PIN retry counter with the unblock secret (PUK / SO PIN) and sets a new PIN. */
    void unblockPin(Pin unblockSecret, Pin replacement);

    /** Tries left on the unblock secret (PUK / SO PIN), and whether it is blocked, without spending a try. */
    PinStatus unblockSecretStatus();

    /**
     * Checks the unblock secret and changes nothing else: a right one puts its counter back to the
     * maximum, a wrong one spends a try (WRONG_UNBLOCK_SECRET).
     */
    void verifyUnblockSecret(Pin unblockSecret);

    /**
     * Replaces the unblock secret (PUK / SO PIN), as the issuer does at personalization; the current
     * one must be right (a wrong one spends a try of the unblock secret's counter).
     */
    void changeUnblockSecret(Pin current, Pin replacement);

    /** Presents the user PIN; the returned session uses the card's keys until it is closed. */
    AuthenticatedCard authenticate(Pin pin);

    @Override
    void close();
}
