package fr.cartesagents.ca.token;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/** Signature algorithms a CA signs certificates, CRLs and OCSP responses with. */
public enum SignatureAlgorithm {
    SHA256_WITH_RSA("SHA256withRSA", "SHA-256"),
    SHA384_WITH_RSA("SHA384withRSA", "SHA-384"),
    SHA256_WITH_ECDSA("SHA256withECDSA", "SHA-256"),
    SHA384_WITH_ECDSA("SHA384withECDSA", "SHA-384");

    private final String jcaName;
    private final String digestName;

    SignatureAlgorithm(String jcaName, String digestName) {
        this.jcaName = jcaName;
        this.digestName = digestName;
    }

    public String jcaName() {
        return jcaName;
    }

    public String digestName() {
        return digestName;
    }

    public AlgorithmIdentifier algorithmIdentifier() {
        return new DefaultSignatureAlgorithmIdentifierFinder().find(jcaName);
    }

    public boolean isRsa() {
        return this == SHA256_WITH_RSA || this == SHA384_WITH_RSA;
    }

    /**
     * The algorithm a key of this kind signs with: SHA-256 for RSA and P-256, SHA-384 for P-384, so
     * that the digest is never weaker than the key (RFC 5480 section 4).
     */
    public static SignatureAlgorithm forKey(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return SHA256_WITH_RSA;
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? SHA384_WITH_ECDSA : SHA256_WITH_ECDSA;
        }
        throw new CryptoTokenException("Unsupported CA key algorithm: " + key.getAlgorithm());
    }
}
