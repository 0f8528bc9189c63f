package fr.cartesagents.bridge.simulator;

import java.util.Optional;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.Tlv;

/**
 * One file of the simulated card's fixed tree: the master file, the PKCS#15 application DF, or a
 * transparent EF with its capacity and whether writing it needs the user PIN. File identifiers are
 * unique on this card, so a file is known by its identifier alone.
 */
record CardFile(int fileId, int parentId, boolean dedicated, Optional<byte[]> applicationId, int shortFileId,
        int capacity, boolean updateNeedsPin) {

    private static final int FCP = 0x62;
    private static final int FCP_SIZE = 0x80;
    private static final int FCP_DESCRIPTOR = 0x82;
    private static final int FCP_FILE_ID = 0x83;
    private static final int FCP_DF_NAME = 0x84;
    private static final int FCP_SHORT_FILE_ID = 0x88;
    private static final int FCP_LIFE_CYCLE = 0x8A;
    private static final int FCP_SECURITY_ATTRIBUTES = 0xA1;
    private static final byte DESCRIPTOR_DF = 0x38;
    private static final byte DESCRIPTOR_TRANSPARENT_EF = 0x01;
    private static final byte OPERATIONAL_ACTIVATED = 0x05;
    /** SCB "user authentication in security environment 1", i.e. the user PIN. */
    static final int SCB_USER_PIN = 0x11;
    /** Access mode byte of an EF: UPDATE (0x02) and READ (0x01) follow. */
    private static final int AMB_UPDATE_READ = 0x03;

    static CardFile dedicated(int fileId, int parentId, byte[] applicationId) {
        return new CardFile(fileId, parentId, true, Optional.ofNullable(applicationId), 0, 0, true);
    }

    static CardFile elementary(int fileId, int parentId, int shortFileId, int capacity, boolean updateNeedsPin) {
        return new CardFile(fileId, parentId, false, Optional.empty(), shortFileId, capacity, updateNeedsPin);
    }

    /**
     * The FCP template IAS-ECC cards answer to SELECT: size (for an EF, its current content), descriptor,
     * identifier, DF name, life cycle and the contact ACLs (tag 8C: access mode byte then one SCB per
     * operation), which OpenSC requires.
     */
    byte[] controlParameters(int contentLength) {
        byte[] acls = dedicated
                ? new byte[] {0x00}
                : new byte[] {AMB_UPDATE_READ, (byte) (updateNeedsPin ? SCB_USER_PIN : 0x00), 0x00};
        byte[] body = Tlv.concatenate(
                dedicated ? new byte[0] : Tlv.encode(FCP_SIZE, new byte[] {(byte) (contentLength >>> 8), (byte) contentLength}),
                Tlv.encode(FCP_DESCRIPTOR, new byte[] {dedicated ? DESCRIPTOR_DF : DESCRIPTOR_TRANSPARENT_EF}),
                Tlv.encode(FCP_FILE_ID, new byte[] {(byte) (fileId >>> 8), (byte) fileId}),
                applicationId.map(aid -> Tlv.encode(FCP_DF_NAME, aid)).orElse(new byte[0]),
                shortFileId == 0 ? new byte[0] : Tlv.encode(FCP_SHORT_FILE_ID, new byte[] {(byte) (shortFileId << 3)}),
                Tlv.encode(FCP_LIFE_CYCLE, new byte[] {OPERATIONAL_ACTIVATED}),
                Tlv.encode(FCP_SECURITY_ATTRIBUTES, Tlv.encode(AgentCardLayout.DOCP_ACLS_CONTACT, acls)));
        return Tlv.encode(FCP, body);
    }
}
