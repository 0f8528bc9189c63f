package fr.cartesagents.bridge.personalization;

/**
 * The issuer refused a certification request, or could not be reached. The message is the issuer's
 * own explanation (an RFC 9457 problem detail for the registration authority).
 */
public final class IssuanceException extends RuntimeException {

    public IssuanceException(String message) {
        super(message);
    }

    public IssuanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
