package fr.cartesagents.ca.token;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/**
 * A single-use signer that hashes the streamed to-be-signed bytes in Java and hands only the digest
 * to the token: a 100 MB CRL costs the HSM one small C_Sign, not a 100 MB transfer.
 */
final class Pkcs11ContentSigner implements ContentSigner {

    /** Signs a finished digest inside the token. */
    @FunctionalInterface
    interface DigestSigner {
        byte[] sign(byte[] digest);
    }

    private final SignatureAlgorithm algorithm;
    private final MessageDigest digest;
    private final DigestSigner signer;
    private final OutputStream stream;
    private boolean signed;

    Pkcs11ContentSigner(SignatureAlgorithm algorithm, DigestSigner signer) {
        this.algorithm = algorithm;
        this.signer = signer;
        try {
            this.digest = MessageDigest.getInstance(algorithm.digestName());
        } catch (NoSuchAlgorithmException e) {
            throw new CryptoTokenException("No " + algorithm.digestName() + " implementation in this JVM", e);
        }
        this.stream = new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                digest.update(bytes, offset, length);
            }
        };
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm.algorithmIdentifier();
    }

    @Override
    public OutputStream getOutputStream() {
        return stream;
    }

    @Override
    public byte[] getSignature() {
        if (signed) {
            throw new IllegalStateException("This ContentSigner has already produced its signature");
        }
        signed = true;
        return signer.sign(digest.digest());
    }
}
