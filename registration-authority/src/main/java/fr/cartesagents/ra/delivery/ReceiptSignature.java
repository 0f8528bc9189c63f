package fr.cartesagents.ra.delivery;

import java.util.Collection;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Checks the holder's signature of the hand-over receipt: a CMS SignedData over exactly the receipt
 * bytes (detached: the receipt is given here, whatever the CMS may encapsulate), with a signer identified as the card's
 * signature certificate and a signature that the certificate's key verifies. Any other signer (an
 * old card, another card's key, a self-signed certificate with the right name) is refused.
 */
final class ReceiptSignature {

    private ReceiptSignature() {
    }

    /** Whether {@code cms} is a valid signature of {@code receipt} by the key of {@code signatureCertificate}. */
    static boolean verifies(byte[] cms, byte[] receipt, X509CertificateHolder signatureCertificate) {
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(receipt), cms);
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return false;
            }
            SignerInformation signer = signers.iterator().next();
            return signer.getSID().match(signatureCertificate)
                    && signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signatureCertificate));
        } catch (CMSException | OperatorCreationException | java.security.cert.CertificateException | IllegalArgumentException e) {
            return false;
        }
    }
}
