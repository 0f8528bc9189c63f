package fr.cartesagents.bridge.pkcs15;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;

import fr.cartesagents.bridge.apdu.AgentCardLayout;

/**
 * The AODF's two PIN objects: the user PIN (reference 81) and the PUK that unblocks it (reference
 * 82). The PIN names the PUK by its authId, which is how PKCS#15 readers find the PUK for RESET
 * RETRY COUNTER; both are ASCII digits, sent unpadded, in the application DF.
 */
final class AuthenticationObjects {

    static final byte[] USER_PIN_AUTH_ID = {0x01};
    static final byte[] PUK_AUTH_ID = {0x02};
    /** PinFlags bits: local (1), initialized (4); the PUK adds unblock-disabled (3) and unblockingPin (6). */
    private static final DERBitString USER_PIN_FLAGS = new DERBitString(new byte[] {0x48}, 3);
    private static final DERBitString PUK_FLAGS = new DERBitString(new byte[] {0x5A}, 1);
    /** CommonObjectAttributes flags: modifiable (1). */
    private static final DERBitString MODIFIABLE = new DERBitString(new byte[] {0x40}, 6);
    private static final int ASCII_NUMERIC = 1;

    private AuthenticationObjects() {
    }

    static DERSequence userPin() {
        return pin("PIN", USER_PIN_AUTH_ID, PUK_AUTH_ID, USER_PIN_FLAGS, AgentCardLayout.USER_PIN_MIN_LENGTH,
                AgentCardLayout.USER_PIN_MAX_LENGTH, AgentCardLayout.USER_PIN_REFERENCE);
    }

    static DERSequence puk() {
        return pin("PUK", PUK_AUTH_ID, null, PUK_FLAGS, AgentCardLayout.PUK_MIN_LENGTH, AgentCardLayout.PUK_MAX_LENGTH,
                AgentCardLayout.PUK_REFERENCE);
    }

    private static DERSequence pin(String label, byte[] authId, byte[] unblockedBy, DERBitString flags, int minLength,
            int maxLength, int reference) {
        ASN1EncodableVector common = new ASN1EncodableVector();
        common.add(new DERUTF8String(label));
        common.add(MODIFIABLE);
        if (unblockedBy != null) {
            common.add(new DEROctetString(unblockedBy));
        }
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(flags);
        attributes.add(new ASN1Enumerated(ASCII_NUMERIC));
        attributes.add(new ASN1Integer(minLength));
        attributes.add(new ASN1Integer(maxLength));
        attributes.add(new ASN1Integer(maxLength));
        attributes.add(new DERTaggedObject(false, 0, new ASN1Integer(reference)));
        attributes.add(Paths.application());
        return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new DERSequence(common),
                new DERSequence(new DEROctetString(authId)),
                new DERTaggedObject(true, 1, new DERSequence(attributes))});
    }
}
