package fr.cartesagents.ca.ocsp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;

/**
 * The issuerNameHash and issuerKeyHash of the CA this responder answers for, precomputed for the
 * CertID hash algorithms it accepts (SHA-1, which RFC 5019 clients use, and SHA-256).
 */
final class IssuerIdentity {

    private record Hashes(byte[] nameHash, byte[] keyHash) {
    }

    private final Map<ASN1ObjectIdentifier, Hashes> hashesByAlgorithm;

    IssuerIdentity(X509CertificateHolder issuer) {
        try {
            byte[] name = issuer.toASN1Structure().getSubject().getEncoded(ASN1Encoding.DER);
            // RFC 6960 section 4.1.1: the hash of the subjectPublicKey BIT STRING value, not of the whole SPKI
            byte[] key = issuer.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
            this.hashesByAlgorithm = Map.of(
                    OIWObjectIdentifiers.idSHA1, new Hashes(digest("SHA-1", name), digest("SHA-1", key)),
                    NISTObjectIdentifiers.id_sha256, new Hashes(digest("SHA-256", name), digest("SHA-256", key)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the CertID names this issuer with a hash algorithm we accept. */
    boolean issued(CertificateID id) {
        Hashes hashes = hashesByAlgorithm.get(id.getHashAlgOID());
        return hashes != null && MessageDigest.isEqual(hashes.nameHash(), id.getIssuerNameHash())
                && MessageDigest.isEqual(hashes.keyHash(), id.getIssuerKeyHash());
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is mandatory in every JRE", e);
        }
    }
}
