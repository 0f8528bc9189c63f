package fr.cartesagents.ca.token;

/** A token failed to generate a key, find one, or sign. The message names the token and the alias, never a secret. */
public class CryptoTokenException extends RuntimeException {

    public CryptoTokenException(String message) {
        super(message);
    }

    public CryptoTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
