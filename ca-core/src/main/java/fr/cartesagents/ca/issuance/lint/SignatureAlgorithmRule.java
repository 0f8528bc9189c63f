package fr.cartesagents.ca.issuance.lint;

import java.util.List;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** The TBS signature field names the algorithm the issuer's key signs with, and the outer one repeats it. */
final class SignatureAlgorithmRule implements LintRule {

    @Override
    public String name() {
        return "signature-algorithm-matches-issuer";
    }

    @Override
    public String citation() {
        return "RFC 5280 sections 4.1.1.2 and 4.1.2.3; docs/certificate-profiles.md (SHA-256, SHA-384 for P-384)";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        AlgorithmIdentifier inner = target.certificate().toASN1Structure().getTBSCertificate().getSignature();
        AlgorithmIdentifier outer = target.certificate().getSignatureAlgorithm();
        if (!inner.equals(target.issuer().signatureAlgorithm())) {
            return finding("TBS signature algorithm " + inner.getAlgorithm().getId()
                    + " is not the issuer's " + target.issuer().signatureAlgorithm().getAlgorithm().getId());
        }
        if (!inner.equals(outer)) {
            return finding("outer signature algorithm differs from the TBS signature field");
        }
        return List.of();
    }
}
