package fr.cartesagents.ca.token;

import java.security.PublicKey;
import java.util.Optional;

import org.bouncycastle.operator.ContentSigner;

/**
 * Where a CA key lives and signs. A token generates key pairs inside itself and signs with them; the
 * private key never leaves it (for a PKCS#11 token it is created sensitive and non-extractable).
 *
 * <p>Implementations are thread-safe: one token serves concurrent issuance, CRL and OCSP signing.
 */
public interface CryptoToken extends AutoCloseable {

    /** A human-readable description for logs and error messages (never a PIN or a path to a secret). */
    String description();

    /**
     * Generates a key pair inside the token under {@code alias}.
     *
     * @throws CryptoTokenException if the alias is already taken or the token refuses the key type
     */
    PublicKey generateKeyPair(String alias, KeySpec spec);

    /** The public key stored under {@code alias}, if any. */
    Optional<PublicKey> publicKey(String alias);

    /**
     * A signer over the private key {@code alias}; each call returns a fresh, single-use
     * {@link ContentSigner} (BouncyCastle builders stream the to-be-signed bytes into it).
     */
    ContentSigner contentSigner(String alias, SignatureAlgorithm algorithm);

    @Override
    void close();
}
