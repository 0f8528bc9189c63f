package fr.cartesagents.bridge.card;

import java.security.PublicKey;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/** A card on which the user PIN has been verified: its keys can be generated and used. */
public interface AuthenticatedCard extends AutoCloseable {

    /**
     * Generates the key pair of this role on the card (sensitive, never extractable), replacing the
     * previous one and its certificate, and returns its public key.
     */
    PublicKey generateKeyPair(KeyRole role, KeySpec spec);

    /** The public key of this role, if the card holds one. */
    Optional<PublicKey> publicKey(KeyRole role);

    /**
     * Signs {@code message} with the key of this role; the digest of the algorithm is computed by
     * the driver or by the card, whichever the card requires.
     */
    byte[] sign(KeyRole role, SignatureAlgorithm algorithm, byte[] message);

    /** Writes the certificate next to the key of this role (same CKA_ID, same label). */
    void storeCertificate(KeyRole role, X509CertificateHolder certificate);

    /** Logs out (C_Logout, or resets the security status of the card). */
    @Override
    void close();
}
