package fr.cartesagents.ca.issuance.lint;

import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/** The lint's view of a test hierarchy's issuing CA, as the issuance builds it. */
final class IssuerFactsOf {

    private IssuerFactsOf() {
    }

    static IssuerFacts issuing(TestHierarchy pki) {
        X509CertificateHolder issuing = pki.issuing().certificate();
        return new IssuerFacts(issuing.getSubject(),
                SubjectKeyIdentifier.fromExtensions(issuing.getExtensions()).getKeyIdentifier(),
                issuing.getNotBefore().toInstant(), issuing.getNotAfter().toInstant(),
                SignatureAlgorithm.forKey(pki.issuing().publicKey()).algorithmIdentifier());
    }
}
