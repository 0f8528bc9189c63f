package fr.cartesagents.ra.delivery;

/** A machine readable zone that cannot be read, or whose check digits do not hold. The message names the field, never its value. */
final class MrzException extends RuntimeException {

    enum Reason { MALFORMED, CHECK_DIGIT }

    private final Reason reason;

    MrzException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
