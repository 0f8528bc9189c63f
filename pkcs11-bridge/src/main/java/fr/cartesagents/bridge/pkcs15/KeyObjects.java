package fr.cartesagents.bridge.pkcs15;

import java.security.interfaces.RSAPublicKey;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.card.KeyRole;

/**
 * PrKDF, PuKDF and CDF entries of a role: same iD (the role's CKA_ID) and label. The private key is
 * the card's SDO (keyReference, path of the application DF), private and usable after the user PIN;
 * the public key and the certificate are files of the application.
 */
final class KeyObjects {

    /** CommonObjectAttributes flags: private (0). */
    private static final DERBitString PRIVATE = new DERBitString(new byte[] {(byte) 0x80}, 7);
    /** KeyUsageFlags: sign (2); sign and nonRepudiation (9); verify (6). */
    private static final DERBitString SIGN = new DERBitString(new byte[] {0x20}, 5);
    private static final DERBitString SIGN_NON_REPUDIATION = new DERBitString(new byte[] {0x20, 0x40}, 6);
    private static final DERBitString VERIFY = new DERBitString(new byte[] {0x02}, 1);
    /** KeyAccessFlags: sensitive (0), alwaysSensitive (2), neverExtractable (3), local (4). */
    private static final DERBitString ON_CARD = new DERBitString(new byte[] {(byte) 0xB8}, 3);

    private KeyObjects() {
    }

    static DERSequence privateKey(KeyRole role, RSAPublicKey key, int keyReference) {
        ASN1EncodableVector common = new ASN1EncodableVector();
        common.add(new DERUTF8String(role.label()));
        common.add(PRIVATE);
        common.add(new DEROctetString(AuthenticationObjects.USER_PIN_AUTH_ID));
        ASN1EncodableVector keyAttributes = new ASN1EncodableVector();
        keyAttributes.add(new DEROctetString(role.id()));
        keyAttributes.add(role == KeyRole.SIGNATURE ? SIGN_NON_REPUDIATION : SIGN);
        keyAttributes.add(ON_CARD);
        keyAttributes.add(new ASN1Integer(keyReference));
        return entry(common, keyAttributes, new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                Paths.application(), new ASN1Integer(key.getModulus().bitLength())}));
    }

    static DERSequence publicKey(KeyRole role, RSAPublicKey key) {
        ASN1EncodableVector common = new ASN1EncodableVector();
        common.add(new DERUTF8String(role.label()));
        ASN1EncodableVector keyAttributes = new ASN1EncodableVector();
        keyAttributes.add(new DEROctetString(role.id()));
        keyAttributes.add(VERIFY);
        return entry(common, keyAttributes, new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                Paths.inApplication(AgentCardLayout.publicKeyFileId(role)), new ASN1Integer(key.getModulus().bitLength())}));
    }

    static DERSequence certificate(KeyRole role) {
        ASN1EncodableVector common = new ASN1EncodableVector();
        common.add(new DERUTF8String(role.label()));
        ASN1EncodableVector certificateAttributes = new ASN1EncodableVector();
        certificateAttributes.add(new DEROctetString(role.id()));
        return entry(common, certificateAttributes,
                new DERSequence(Paths.inApplication(AgentCardLayout.certificateFileId(role))));
    }

    /** commonObjectAttributes, class attributes, typeAttributes [1] { type-specific attributes }. */
    private static DERSequence entry(ASN1EncodableVector common, ASN1EncodableVector classAttributes, DERSequence typeAttributes) {
        return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new DERSequence(common), new DERSequence(classAttributes), new DERTaggedObject(true, 1, typeAttributes)});
    }
}
