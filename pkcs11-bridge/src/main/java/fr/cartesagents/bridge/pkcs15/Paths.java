package fr.cartesagents.bridge.pkcs15;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

import fr.cartesagents.bridge.apdu.AgentCardLayout;

/** PKCS#15 Path objects (SEQUENCE { OCTET STRING path }) of the application DF and its files. */
final class Paths {

    private Paths() {
    }

    static DERSequence application() {
        return path(new byte[] {0x3F, 0x00, (byte) (AgentCardLayout.APPLICATION_DF >>> 8), (byte) AgentCardLayout.APPLICATION_DF});
    }

    static DERSequence inApplication(int fileId) {
        return path(new byte[] {0x3F, 0x00, (byte) (AgentCardLayout.APPLICATION_DF >>> 8), (byte) AgentCardLayout.APPLICATION_DF,
                (byte) (fileId >>> 8), (byte) fileId});
    }

    private static DERSequence path(byte[] value) {
        return new DERSequence(new DEROctetString(value));
    }
}
