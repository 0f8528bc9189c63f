package fr.cartesagents.ca.publickey;

import java.util.Objects;

/** A subject public key the CA will not certify; the message says what is wrong, never the key itself. */
public final class UnacceptableKeyException extends RuntimeException {

    /** What is wrong with the key; the issuance maps each to the reason its callers act on. */
    public enum Defect {
        /** Too weak: RSA below 2048 bits, small or even exponent, short curve. */
        WEAK,
        /** Sound, but of a type or size no profile certifies. */
        TYPE_NOT_ACCEPTED,
        /** Does not decode, or is not a point of its curve. */
        MALFORMED
    }

    private final Defect defect;

    public UnacceptableKeyException(Defect defect, String message) {
        super(message);
        this.defect = Objects.requireNonNull(defect, "defect");
    }

    public Defect defect() {
        return defect;
    }
}
