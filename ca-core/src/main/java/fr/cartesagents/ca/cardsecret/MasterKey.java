package fr.cartesagents.ca.cardsecret;

/**
 * The key every card secret derives from, used only as the pseudo-random function of the
 * derivation (HMAC-SHA256). In production it lives in the HSM ({@link Pkcs11MasterKey}); the
 * software form ({@link SoftwareMasterKey}) is for development.
 */
public interface MasterKey {

    /** HMAC-SHA256 of {@code data} under the master key (32 bytes). */
    byte[] hmacSha256(byte[] data);

    /** Where the key lives, for error messages (never the key). */
    String description();
}
