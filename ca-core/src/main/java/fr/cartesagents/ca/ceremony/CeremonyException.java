package fr.cartesagents.ca.ceremony;

/**
 * A step of the ceremony cannot go on for a reason the operator can fix (a missing file, a key that
 * does not match its certificate...). The message is shown as is, so it names what is wrong and, where
 * it helps, what to do; it never holds a PIN, a password or key material.
 */
public class CeremonyException extends RuntimeException {

    public CeremonyException(String message) {
        super(message);
    }

    public CeremonyException(String message, Throwable cause) {
        super(message, cause);
    }
}
