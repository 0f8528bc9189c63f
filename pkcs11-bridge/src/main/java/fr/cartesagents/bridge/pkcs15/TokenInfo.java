package fr.cartesagents.bridge.pkcs15;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;

import fr.cartesagents.bridge.apdu.AgentCardLayout;

/**
 * EF.TokenInfo: version, serial number, manufacturer, label, flags and the supported algorithms,
 * each with its PKCS#11 mechanism and its IAS-ECC algorithm reference (OpenSC's iasecc driver takes
 * the reference for MANAGE SECURITY ENVIRONMENT from here).
 */
final class TokenInfo {

    static final String LABEL = "Carte agent";
    private static final long CKM_RSA_PKCS = 0x0001;
    private static final long CKM_SHA256_RSA_PKCS = 0x0040;
    private static final long CKM_SHA256 = 0x0250;
    /** supportedOperations bits: compute-signature (1), hash (6). */
    private static final DERBitString COMPUTE_SIGNATURE = new DERBitString(new byte[] {0x40}, 6);
    private static final DERBitString HASH = new DERBitString(new byte[] {0x02}, 1);

    private TokenInfo() {
    }

    static DERSequence of(byte[] serialNumber) {
        ASN1EncodableVector algorithms = new ASN1EncodableVector();
        algorithms.add(algorithm(1, CKM_RSA_PKCS, COMPUTE_SIGNATURE, AgentCardLayout.ALGORITHM_RSA_PKCS));
        algorithms.add(algorithm(2, CKM_SHA256_RSA_PKCS, COMPUTE_SIGNATURE, AgentCardLayout.ALGORITHM_RSA_PKCS_SHA256));
        algorithms.add(algorithm(3, CKM_SHA256, HASH, AgentCardLayout.ALGORITHM_SHA256));
        ASN1EncodableVector info = new ASN1EncodableVector();
        info.add(new ASN1Integer(0));
        info.add(new DEROctetString(serialNumber));
        info.add(new DERUTF8String("Cartes Agents"));
        info.add(new DERTaggedObject(false, 0, new DERUTF8String(LABEL)));
        info.add(new DERBitString(new byte[0], 0));
        info.add(new DERTaggedObject(false, 2, new DERSequence(algorithms)));
        return new DERSequence(info);
    }

    private static DERSequence algorithm(int reference, long mechanism, DERBitString operations, int cardReference) {
        return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new ASN1Integer(reference), new ASN1Integer(mechanism), DERNull.INSTANCE, operations,
                new ASN1Integer(cardReference)});
    }
}
