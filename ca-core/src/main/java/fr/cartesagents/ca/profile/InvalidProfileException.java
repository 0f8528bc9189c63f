package fr.cartesagents.ca.profile;

/** A profile or a settings object contradicts itself; raised at start-up, never during an issuance. */
public class InvalidProfileException extends IllegalArgumentException {

    public InvalidProfileException(String message) {
        super(message);
    }
}
