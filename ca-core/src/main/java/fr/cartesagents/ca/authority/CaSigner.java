package fr.cartesagents.ca.authority;

import java.security.PublicKey;
import java.util.Objects;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;

import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.CryptoTokenException;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * A CA's certificate together with the token key that signs in its name: everything a builder of
 * certificates, CRLs or OCSP responses needs to know about "who signs".
 */
public record CaSigner(X509CertificateHolder certificate, CryptoToken token, String keyAlias) {

    public CaSigner {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(keyAlias, "keyAlias");
    }

    public PublicKey publicKey() {
        try {
            return new JcaX509CertificateConverter().getCertificate(certificate).getPublicKey();
        } catch (java.security.cert.CertificateException e) {
            throw new CryptoTokenException("Unreadable CA certificate " + certificate.getSubject(), e);
        }
    }

    public SignatureAlgorithm signatureAlgorithm() {
        return SignatureAlgorithm.forKey(publicKey());
    }

    /** A fresh single-use signer over this CA's key. */
    public ContentSigner contentSigner() {
        return token.contentSigner(keyAlias, signatureAlgorithm());
    }
}
