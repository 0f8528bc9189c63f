package fr.cartesagents.ra.audit.checkpoint;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The audit signing key and its certificate chain: signs checkpoint statements as CMS SignedData
 * (RFC 5652) with the statement encapsulated and the signer's certificate included, so that a
 * checkpoint can be verified with nothing but our issuing CA's certificate (e.g. {@code openssl
 * cms -verify}). The key's {@code toString} is not ours to control, so this class overrides its own.
 */
public final class AuditSigner {

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    public AuditSigner(PrivateKey key, List<X509Certificate> chain) {
        this.key = Objects.requireNonNull(key, "key");
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("The audit signer needs its certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** CMS SignedData (DER) over {@code content}, encapsulated. */
    public byte[] sign(byte[] content) {
        try {
            String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().build(algorithm, key, certificate()));
            generator.addCertificates(new JcaCertStore(List.of(certificate())));
            return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
        } catch (OperatorCreationException | CMSException | CertificateEncodingException | java.io.IOException e) {
            throw new IllegalStateException("The audit signing key could not sign a checkpoint", e);
        }
    }

    @Override
    public String toString() {
        return "AuditSigner[" + certificate().getSubjectX500Principal() + "]";
    }
}
