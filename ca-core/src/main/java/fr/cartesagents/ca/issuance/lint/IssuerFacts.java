package fr.cartesagents.ca.issuance.lint;

import java.time.Instant;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * What the lint needs to know about the issuer: its name (byte for byte), its key identifier, its
 * validity and the signature algorithm its key signs with. A self-signed root is its own issuer and
 * has no outer validity bound ({@link Instant#MIN} to {@link Instant#MAX}).
 */
public record IssuerFacts(X500Name name, byte[] keyIdentifier, Instant notBefore, Instant notAfter,
                          AlgorithmIdentifier signatureAlgorithm) {

    public IssuerFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyIdentifier, "keyIdentifier");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        keyIdentifier = keyIdentifier.clone();
    }

    @Override
    public byte[] keyIdentifier() {
        return keyIdentifier.clone();
    }
}
