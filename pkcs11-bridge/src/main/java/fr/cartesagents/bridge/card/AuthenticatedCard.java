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

    /**
     * The card's renewal keys (issue 11, renewal): the same operations as this card's, addressed to a
     * second key pair per role that lives beside the one in use, so that the card keeps working with
     * its current keys and certificates until {@link #promoteRenewalKeys} retires them. Closing the
     * view does not log out; closing this card does.
     *
     * @throws CardException {@code NOT_SUPPORTED} when the card cannot hold two key pairs per role
     */
    default AuthenticatedCard renewalKeys() {
        throw new CardException(CardFailure.NOT_SUPPORTED,
                "This card cannot hold new keys beside the ones in use: renew it through its PKCS#11 middleware");
    }

    /**
     * Makes the renewal key pair of this role, and the certificate already written next to it, the
     * role's own (its CKA_ID and label), after retiring the previous key pair and certificate. Run
     * again after an interruption, it finishes the move.
     *
     * @throws CardException {@code KEY_NOT_FOUND} when there is no renewal key with its certificate
     */
    default void promoteRenewalKeys(KeyRole role) {
        throw new CardException(CardFailure.NOT_SUPPORTED,
                "This card cannot hold new keys beside the ones in use: renew it through its PKCS#11 middleware");
    }

    /** Logs out (C_Logout, or resets the security status of the card). */
    @Override
    void close();
}
