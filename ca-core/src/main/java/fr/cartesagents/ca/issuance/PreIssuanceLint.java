package fr.cartesagents.ca.issuance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.issuance.IssuanceRefusedException.Reason;
import fr.cartesagents.ca.issuance.lint.IssuerFacts;
import fr.cartesagents.ca.issuance.lint.LintFinding;
import fr.cartesagents.ca.issuance.lint.LintTarget;
import fr.cartesagents.ca.issuance.lint.Linter;
import fr.cartesagents.ca.profile.CertificateProfile;

/**
 * Lints a to-be-signed certificate before the CA key signs it (Boulder's two-phase issuance). In
 * {@link LintSigning#THROWAWAY_KEY} mode the TBS is DER-encoded, signed with a key made once per CA
 * and never trusted, and parsed back by BouncyCastle and the JDK, so that the rules look at the
 * exact bytes the CA key will sign.
 */
final class PreIssuanceLint {

    private final Linter linter;
    private final LintSigning mode;
    private final Issuer issuer;
    private final IssuerFacts issuerFacts;
    private final PrivateKey throwawayKey;

    PreIssuanceLint(Linter linter, LintSigning mode, Issuer issuer) {
        this.linter = linter;
        this.mode = mode;
        this.issuer = issuer;
        this.issuerFacts = issuer.facts();
        this.throwawayKey = mode == LintSigning.THROWAWAY_KEY ? throwawayKeyFor(issuer).getPrivate() : null;
    }

    /** @throws IssuanceRefusedException {@code LINT_FAILED} naming every rule that found a defect */
    void check(TBSCertificate tbs, byte[] tbsDer, CertificateProfile profile) {
        X509CertificateHolder candidate = mode == LintSigning.THROWAWAY_KEY
                ? signedWithThrowawayKey(tbsDer)
                : new X509CertificateHolder(certificate(tbs, new byte[0]));
        List<LintFinding> findings = linter.lint(new LintTarget(candidate, profile, issuerFacts));
        if (!findings.isEmpty()) {
            throw new IssuanceRefusedException(Reason.LINT_FAILED, "the certificate built for profile " + profile.name()
                    + " fails the pre-issuance lint: "
                    + findings.stream().map(LintFinding::toString).collect(Collectors.joining("; ")));
        }
    }

    private X509CertificateHolder signedWithThrowawayKey(byte[] tbsDer) {
        try {
            Signature signature = Signature.getInstance(issuer.algorithm().jcaName());
            signature.initSign(throwawayKey);
            signature.update(tbsDer);
            byte[] der = certificate(TBSCertificate.getInstance(tbsDer), signature.sign()).getEncoded(ASN1Encoding.DER);
            // An independent parser must accept the encoding too.
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return new X509CertificateHolder(der);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IssuanceRefusedException(Reason.LINT_FAILED,
                    "the certificate built does not encode or parse as DER: " + e.getClass().getSimpleName());
        }
    }

    private Certificate certificate(TBSCertificate tbs, byte[] signature) {
        ASN1EncodableVector vector = new ASN1EncodableVector(3);
        vector.add(tbs);
        vector.add(issuer.algorithmIdentifier());
        vector.add(new DERBitString(signature));
        return Certificate.getInstance(new DERSequence(vector));
    }

    /**
     * A key of the issuer's family whose signatures carry the issuer's algorithm identifier. Its
     * strength is irrelevant (nobody ever trusts it), so RSA uses 1024 bits to keep the extra
     * signature cheap next to the CA's own.
     */
    private static KeyPair throwawayKeyFor(Issuer issuer) {
        try {
            if (issuer.algorithm().isRsa()) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(1024);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the lint's throwaway key", e);
        }
    }
}
