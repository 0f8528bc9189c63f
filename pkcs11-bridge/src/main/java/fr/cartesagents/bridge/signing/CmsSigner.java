package fr.cartesagents.bridge.signing;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.KeyRole;

/**
 * Detached CMS (PKCS#7) signatures made with the signature key of a card: the content is digested
 * here, the card signs only the signed attributes (content type, message digest, signing time, and
 * the ESS signing-certificate-v2 that binds the signer's certificate, as CAdES-BES asks). The
 * signer's certificate and its CA chain travel in the signature.
 */
public final class CmsSigner {

    private CmsSigner() {
    }

    /**
     * @param signerCertificate the certificate of the card's signature key
     * @param caChain           CA certificates to include after it (may be empty)
     * @return the DER of a CMS SignedData without encapsulated content
     */
    public static byte[] signDetached(AuthenticatedCard card, X509CertificateHolder signerCertificate,
                                      List<X509CertificateHolder> caChain, CMSTypedData content) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(signerCertificate, "signerCertificate");
        Objects.requireNonNull(content, "content");
        PublicKey key = card.publicKey(KeyRole.SIGNATURE).orElseThrow(() -> new CardException(CardFailure.KEY_NOT_FOUND,
                "The card has no signature key: personalize the card first"));
        try {
            if (!Arrays.equals(signerCertificate.getSubjectPublicKeyInfo().getEncoded(), key.getEncoded())) {
                throw new CardException(CardFailure.KEY_NOT_FOUND,
                        "The signature certificate does not match the card's signature key: personalize the card again");
            }
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingCertificate(signerCertificate)))
                    .build(CardContentSigner.forKey(card, KeyRole.SIGNATURE, key), signerCertificate));
            generator.addCertificate(signerCertificate);
            generator.addCertificates(new JcaCertStore(caChain.stream().map(CmsSigner::toX509).toList()));
            CMSSignedData signed = generator.generate(content, false);
            return signed.getEncoded("DER");
        } catch (CMSException | OperatorCreationException | IOException | java.security.cert.CertificateException e) {
            throw new IllegalStateException("Cannot build the CMS signature: " + e.getMessage(), e);
        }
    }

    private static AttributeTable signingCertificate(X509CertificateHolder certificate) throws IOException {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // the default hash algorithm of ESSCertIDv2 is SHA-256, so it is left out of the encoding
        SigningCertificateV2 value = new SigningCertificateV2(new ESSCertIDv2(hash));
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(value)));
        return new AttributeTable(attributes);
    }

    private static java.security.cert.X509Certificate toX509(X509CertificateHolder holder) {
        try {
            return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("Unreadable CA certificate " + holder.getSubject(), e);
        }
    }
}
