package fr.cartesagents.benchmarks.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/** What an RSA PKCS#1 v1.5 key signs for SHA256withRSA: the DER DigestInfo of the message's SHA-256. */
final class Sha256DigestInfo {

    private static final AlgorithmIdentifier SHA_256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);

    private Sha256DigestInfo() {
    }

    static byte[] of(byte[] message) {
        try {
            return new DigestInfo(SHA_256, MessageDigest.getInstance("SHA-256").digest(message)).getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No SHA-256 in this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
