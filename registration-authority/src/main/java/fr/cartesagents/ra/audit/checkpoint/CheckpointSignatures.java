package fr.cartesagents.ra.audit.checkpoint;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Checks a checkpoint's CMS signature: exactly one signer, whose signature verifies, whose
 * certificate chains to one of our issuing CAs, was valid when the checkpoint was signed, and is
 * an audit signer's (id-kp-documentSigning: a card's signature certificate cannot sign
 * checkpoints); and the signed statement is the one in the row.
 */
final class CheckpointSignatures {

    private CheckpointSignatures() {
    }

    /** Why {@code checkpoint} does not hold, or empty when it does. */
    static Optional<String> problemWith(AuditCheckpoint checkpoint, List<X509Certificate> anchors) {
        try {
            CMSSignedData signed = new CMSSignedData(checkpoint.signature());
            if (signed.getSignedContent() == null) {
                return Optional.of("the signature does not carry the signed statement");
            }
            byte[] content = (byte[]) signed.getSignedContent().getContent();
            if (!Arrays.equals(content, checkpoint.statement().canonical())) {
                return Optional.of("the signed statement differs from the checkpoint's recorded event id, hash or time");
            }
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return Optional.of("expected exactly one signer, found " + signers.size());
            }
            SignerInformation signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                return Optional.of("the signer's certificate is not included");
            }
            X509CertificateHolder holder = matches.iterator().next();
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder))) {
                return Optional.of("the signature does not verify");
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            List<String> purposes = certificate.getExtendedKeyUsage();
            if (purposes == null || !purposes.contains(AuditSigningKeys.DOCUMENT_SIGNING)) {
                return Optional.of("the signer's certificate is not an audit signer's (no id-kp-documentSigning)");
            }
            Set<TrustAnchor> trust = anchors.stream().map(anchor -> new TrustAnchor(anchor, null)).collect(Collectors.toSet());
            PKIXParameters parameters = new PKIXParameters(trust);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(checkpoint.signedAt()));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                    .generateCertPath(List.of(certificate)), parameters);
            return Optional.empty();
        } catch (CMSException | OperatorCreationException e) {
            return Optional.of("the signature cannot be read or checked: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return Optional.of("the signer's certificate does not chain to the issuing CA at the checkpoint's time: " + e.getMessage());
        }
    }
}
