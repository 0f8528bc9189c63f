package fr.cartesagents.ca.issuance;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.issuance.lint.IssuerFacts;
import fr.cartesagents.ca.publickey.KeyIdentifiers;
import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.CryptoTokenException;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * Everything about the signing CA computed once, so that an issuance costs little beyond the
 * token's signature: name, key identifier, validity, algorithm, public key.
 */
record Issuer(X500Name name, byte[] keyIdentifier, Instant notBefore, Instant notAfter, PublicKey publicKey,
              SignatureAlgorithm algorithm, AlgorithmIdentifier algorithmIdentifier, CryptoToken token, String keyAlias) {

    static Issuer of(CaSigner signer) {
        X509CertificateHolder certificate = signer.certificate();
        SubjectPublicKeyInfo publicKeyInfo = certificate.getSubjectPublicKeyInfo();
        Extension ski = certificate.getExtension(Extension.subjectKeyIdentifier);
        byte[] keyIdentifier = ski != null
                ? SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier()
                : KeyIdentifiers.subjectKeyIdentifier(publicKeyInfo);
        PublicKey publicKey = toPublicKey(publicKeyInfo);
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(publicKey);
        return new Issuer(certificate.getSubject(), keyIdentifier, certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), publicKey, algorithm, algorithm.algorithmIdentifier(),
                signer.token(), signer.keyAlias());
    }

    /** A root signing its own certificate: its own name and key, and no outer validity bound. */
    static Issuer selfSigned(X500Name name, PublicKey publicKey, CryptoToken token, String keyAlias) {
        SubjectPublicKeyInfo publicKeyInfo = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(publicKey);
        return new Issuer(name, KeyIdentifiers.subjectKeyIdentifier(publicKeyInfo), Instant.MIN, Instant.MAX,
                publicKey, algorithm, algorithm.algorithmIdentifier(), token, keyAlias);
    }

    boolean isValidAt(Instant instant) {
        return !instant.isBefore(notBefore) && instant.isBefore(notAfter);
    }

    IssuerFacts facts() {
        return new IssuerFacts(name, keyIdentifier, notBefore, notAfter, algorithmIdentifier);
    }

    /** A fresh single-use signer over the CA key (the token's signers are not shared between threads). */
    ContentSigner contentSigner() {
        return token.contentSigner(keyAlias, algorithm);
    }

    static PublicKey toPublicKey(SubjectPublicKeyInfo publicKeyInfo) {
        String algorithm = PKCSObjectIdentifiers.rsaEncryption.equals(publicKeyInfo.getAlgorithm().getAlgorithm())
                ? "RSA" : "EC";
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(publicKeyInfo.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new CryptoTokenException("the CA certificate's public key is neither RSA nor EC", e);
        }
    }
}
