package fr.cartesagents.benchmarks.bridge;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * A SHA256withRSA {@link ContentSigner} for the raw sequences: collects the to-be-signed bytes of a
 * PKCS#10 request, then has them signed by a bare card call (C_Sign, or the signature APDUs).
 */
final class RawContentSigner implements ContentSigner {

    private static final AlgorithmIdentifier SHA256_WITH_RSA = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");

    /** Signs a message on the card: hashes it, then sends its DigestInfo. */
    @FunctionalInterface
    interface CardSignature {
        byte[] sign(byte[] message) throws Exception;
    }

    private final CardSignature card;
    private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();

    RawContentSigner(CardSignature card) {
        this.card = card;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return SHA256_WITH_RSA;
    }

    @Override
    public OutputStream getOutputStream() {
        return toBeSigned;
    }

    @Override
    public byte[] getSignature() {
        try {
            return card.sign(toBeSigned.toByteArray());
        } catch (Exception e) {
            throw new RuntimeOperatorException("The card did not sign the request", e);
        }
    }
}
