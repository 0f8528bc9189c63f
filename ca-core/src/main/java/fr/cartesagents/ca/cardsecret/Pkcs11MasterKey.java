package fr.cartesagents.ca.cardsecret;

import java.util.Objects;

import fr.cartesagents.ca.token.Pkcs11CryptoToken;

/**
 * The master key as a sensitive, non-extractable secret key of a PKCS#11 token: the HMAC is
 * computed inside the token (CKM_SHA256_HMAC), so the master key never reaches the server's memory.
 */
public final class Pkcs11MasterKey implements MasterKey {

    private final Pkcs11CryptoToken token;
    private final String alias;

    private Pkcs11MasterKey(Pkcs11CryptoToken token, String alias) {
        this.token = token;
        this.alias = alias;
    }

    /**
     * The master key {@code alias} of {@code token}.
     *
     * @throws fr.cartesagents.ca.token.CryptoTokenException if the token holds no secret key {@code alias}
     */
    public static Pkcs11MasterKey existing(Pkcs11CryptoToken token, String alias) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(alias, "alias");
        if (!token.hasSecretKey(alias)) {
            throw new fr.cartesagents.ca.token.CryptoTokenException("No master key '" + alias + "' in " + token.description());
        }
        return new Pkcs11MasterKey(token, alias);
    }

    /** Generates the master key {@code alias} inside {@code token} (key ceremony). */
    public static Pkcs11MasterKey generate(Pkcs11CryptoToken token, String alias) {
        Objects.requireNonNull(token, "token");
        token.generateHmacKey(alias);
        return new Pkcs11MasterKey(token, alias);
    }

    @Override
    public byte[] hmacSha256(byte[] data) {
        return token.hmacSha256(alias, data);
    }

    @Override
    public String description() {
        return "master key '" + alias + "' in " + token.description();
    }

    @Override
    public String toString() {
        return description();
    }
}
