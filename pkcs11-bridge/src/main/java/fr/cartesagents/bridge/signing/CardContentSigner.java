package fr.cartesagents.bridge.signing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.PublicKey;
import java.util.Objects;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * A BouncyCastle {@link ContentSigner} whose private key stays on the card: the to-be-signed bytes
 * (a PKCS#10 request, CMS signed attributes: a few hundred bytes) are collected, then signed by the
 * card with the key of one role. Single use, like every ContentSigner.
 */
public final class CardContentSigner implements ContentSigner {

    private final AuthenticatedCard card;
    private final KeyRole role;
    private final SignatureAlgorithm algorithm;
    private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();
    private boolean signed;

    public CardContentSigner(AuthenticatedCard card, KeyRole role, SignatureAlgorithm algorithm) {
        this.card = Objects.requireNonNull(card, "card");
        this.role = Objects.requireNonNull(role, "role");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    /** Signs with the algorithm that suits the card's key: SHA-256 with RSA or P-256, SHA-384 with P-384. */
    public static CardContentSigner forKey(AuthenticatedCard card, KeyRole role, PublicKey publicKey) {
        return new CardContentSigner(card, role, SignatureAlgorithm.forKey(publicKey));
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm.algorithmIdentifier();
    }

    @Override
    public OutputStream getOutputStream() {
        return toBeSigned;
    }

    @Override
    public byte[] getSignature() {
        if (signed) {
            throw new IllegalStateException("This ContentSigner has already produced its signature");
        }
        signed = true;
        return card.sign(role, algorithm, toBeSigned.toByteArray());
    }
}
