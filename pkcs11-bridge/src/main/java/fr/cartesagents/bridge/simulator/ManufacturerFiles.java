package fr.cartesagents.bridge.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.Tlv;

/**
 * The master file's EFs, written by the manufacturer: EF.ATR (IAS-ECC pre-issuing data and the
 * card's I/O buffer sizes, which OpenSC reads at connection), EF.DIR (the PKCS#15 application: AID,
 * label and path) and EF.SN (the serial number as an ISO 7812 data object).
 */
final class ManufacturerFiles {

    private static final int PRE_ISSUING_DATA = 0x46;
    private static final int IO_BUFFER_SIZES = 0xE0;
    private static final int APPLICATION_TEMPLATE = 0x61;
    private static final int APPLICATION_ID = 0x4F;
    private static final int APPLICATION_LABEL = 0x50;
    private static final int APPLICATION_PATH = 0x51;
    private static final int INTEGER = 0x02;
    /** IC manufacturer, IC type, OS version, IAS-ECC version (1.0.1). */
    private static final byte[] PRE_ISSUING = {0x00, 0x01, 0x01, 0x11};
    /** Short APDUs: 255 bytes sent, 256 received, in plain and in secure messaging. */
    private static final int SEND = 0xFF;
    private static final int RECEIVE = 0x100;

    private ManufacturerFiles() {
    }

    static Optional<byte[]> contents(int fileId, byte[] serialNumber) {
        return switch (fileId) {
            case AgentCardLayout.EF_ATR -> Optional.of(efAtr());
            case AgentCardLayout.EF_DIR -> Optional.of(efDir());
            case AgentCardLayout.EF_SN -> Optional.of(Tlv.encode(AgentCardLayout.SERIAL_NUMBER_TAG, serialNumber));
            default -> Optional.empty();
        };
    }

    private static byte[] efAtr() {
        return Tlv.concatenate(
                Tlv.encode(PRE_ISSUING_DATA, PRE_ISSUING),
                Tlv.encode(IO_BUFFER_SIZES, Tlv.concatenate(size(SEND), size(SEND), size(RECEIVE), size(RECEIVE))));
    }

    private static byte[] efDir() {
        return Tlv.encode(APPLICATION_TEMPLATE, Tlv.concatenate(
                Tlv.encode(APPLICATION_ID, AgentCardLayout.applicationId()),
                Tlv.encode(APPLICATION_LABEL, "CARTES AGENTS".getBytes(StandardCharsets.US_ASCII)),
                Tlv.encode(APPLICATION_PATH, new byte[] {0x3F, 0x00, 0x50, 0x00})));
    }

    private static byte[] size(int value) {
        return Tlv.encode(INTEGER, new byte[] {(byte) (value >>> 8), (byte) value});
    }
}
