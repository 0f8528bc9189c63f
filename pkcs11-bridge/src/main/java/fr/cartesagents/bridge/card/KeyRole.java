package fr.cartesagents.bridge.card;

/**
 * The two keys of an agent's card (RGS ***: one for authentication, one for signature), with the
 * label and identifier they are stored under, so that every middleware pairs key and certificate.
 */
public enum KeyRole {
    AUTHENTICATION("Authentification", (byte) 0x01),
    SIGNATURE("Signature", (byte) 0x02);

    private final String label;
    private final byte id;

    KeyRole(String label, byte id) {
        this.label = label;
        this.id = id;
    }

    /** CKA_LABEL of the private key, public key and certificate. */
    public String label() {
        return label;
    }

    /** CKA_ID of the private key, public key and certificate; also the on-card key reference. */
    public byte[] id() {
        return new byte[] {id};
    }

    /**
     * CKA_ID of the key pair and certificate made for a renewal, while the card still uses the ones
     * of {@link #id()}: another identifier, so that every middleware still pairs each key with its own
     * certificate in between.
     */
    public byte[] renewalId() {
        return new byte[] {(byte) (id | 0x10)};
    }

    /** CKA_LABEL of the renewal key pair and certificate until they replace the role's own. */
    public String renewalLabel() {
        return label + " (renouvellement)";
    }
}
