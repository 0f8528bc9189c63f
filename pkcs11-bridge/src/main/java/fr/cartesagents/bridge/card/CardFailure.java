package fr.cartesagents.bridge.card;

/**
 * The failures a person or a program can act on, each with the exit code the CLI returns for it
 * and the HTTP status the localhost API answers with.
 */
public enum CardFailure {
    NO_READER(3, 503),
    NO_CARD(4, 409),
    CARD_REMOVED(5, 409),
    WRONG_PIN(6, 403),
    PIN_BLOCKED(7, 423),
    PIN_POLICY(8, 422),
    WRONG_UNBLOCK_SECRET(9, 403),
    UNBLOCK_SECRET_BLOCKED(10, 423),
    NOT_SUPPORTED(11, 501),
    KEY_NOT_FOUND(12, 404),
    CARD_ERROR(13, 502),
    MIDDLEWARE_ERROR(14, 502),
    /**
     * A fresh personalization on a card that already holds keys or certificates (a personalization
     * interrupted, or done): refused before anything is generated, so that the card's certificates
     * keep matching its keys. Exit code 16: 15 is the registration authority's refusal.
     */
    CARD_NOT_BLANK(16, 409);

    private final int exitCode;
    private final int httpStatus;

    CardFailure(int exitCode, int httpStatus) {
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
