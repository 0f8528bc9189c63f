package fr.cartesagents.ca.publickey;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Key identifiers for the SKI and AKI extensions. */
public final class KeyIdentifiers {

    private KeyIdentifiers() {
    }

    /**
     * RFC 7093 section 2 method 1: the leftmost 160 bits of the SHA-256 hash of the subjectPublicKey
     * BIT STRING value (SHA-256 rather than the SHA-1 of RFC 5280's example method).
     */
    public static byte[] subjectKeyIdentifier(SubjectPublicKeyInfo publicKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(publicKey.getPublicKeyData().getBytes());
            return Arrays.copyOf(hash, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
