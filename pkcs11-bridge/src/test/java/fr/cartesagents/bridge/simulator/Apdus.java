package fr.cartesagents.bridge.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.smartcardio.CommandAPDU;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.Tlv;

/** IAS-ECC command APDUs written out byte by byte, for tests that talk to the simulated card directly. */
final class Apdus {

    private Apdus() {
    }

    static CommandAPDU selectApplication() {
        return new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, AgentCardLayout.applicationId());
    }

    static CommandAPDU verify(int reference, String secret) {
        return new CommandAPDU(0x00, 0x20, 0x00, reference, ascii(secret));
    }

    static CommandAPDU verifyPin(String pin) {
        return verify(0x81, pin);
    }

    static CommandAPDU pinStatus() {
        return new CommandAPDU(0x00, 0x20, 0x00, 0x81);
    }

    static CommandAPDU pukStatus() {
        return new CommandAPDU(0x00, 0x20, 0x00, 0x82);
    }

    static CommandAPDU changePin(String current, String replacement) {
        return new CommandAPDU(0x00, 0x24, 0x00, 0x81, ascii(current + replacement));
    }

    static CommandAPDU changePuk(String current, String replacement) {
        return new CommandAPDU(0x00, 0x24, 0x00, 0x82, ascii(current + replacement));
    }

    static CommandAPDU resetRetryCounter(String replacement) {
        return new CommandAPDU(0x00, 0x2C, 0x02, 0x81, ascii(replacement));
    }

    static CommandAPDU generate(int reference) {
        return new CommandAPDU(0x00, 0x47, 0x00, 0x00, Tlv.encode(0x70, new byte[] {(byte) 0xBF, (byte) 0x90, (byte) (0x80 | reference)}));
    }

    static CommandAPDU getData(int sdoClass, int reference, int tag) {
        byte[] request = Tlv.concatenate(new byte[] {(byte) 0xBF, (byte) (0x80 | sdoClass), (byte) (0x80 | reference), 0x03},
                new byte[] {(byte) (tag >>> 8), (byte) tag, (byte) 0x80});
        return new CommandAPDU(0x00, 0xCB, 0x3F, 0xFF, Tlv.encode(0x4D, Tlv.encode(0x70, request)), 256);
    }

    static CommandAPDU mse(int template, int keyReference, int algorithm) {
        return new CommandAPDU(0x00, 0x22, 0x41, template, Tlv.concatenate(
                Tlv.encode(0x84, new byte[] {(byte) (0x80 | keyReference)}), Tlv.encode(0x80, new byte[] {(byte) algorithm})));
    }

    static CommandAPDU psoHash(byte[] hash) {
        return new CommandAPDU(0x00, 0x2A, 0x90, 0xA0, Tlv.encode(0x90, hash));
    }

    static CommandAPDU psoComputeDigitalSignature() {
        return new CommandAPDU(0x00, 0x2A, 0x9E, 0x9A, 256);
    }

    static CommandAPDU internalAuthenticate(byte[] digestInfo) {
        return new CommandAPDU(0x00, 0x88, 0x00, 0x00, digestInfo, 256);
    }

    static CommandAPDU getChallenge() {
        return new CommandAPDU(0x00, 0x84, 0x00, 0x00, 8);
    }

    static CommandAPDU externalAuthenticate(byte[] response) {
        return new CommandAPDU(0x00, 0x82, 0x00, 0x83, response);
    }

    static CommandAPDU selectFile(int fileId) {
        return new CommandAPDU(0x00, 0xA4, 0x02, 0x04, new byte[] {(byte) (fileId >>> 8), (byte) fileId}, 256);
    }

    static CommandAPDU selectPath(int p1, int... fileIds) {
        byte[] path = new byte[fileIds.length * 2];
        for (int i = 0; i < fileIds.length; i++) {
            path[2 * i] = (byte) (fileIds[i] >>> 8);
            path[2 * i + 1] = (byte) fileIds[i];
        }
        return new CommandAPDU(0x00, 0xA4, p1, 0x04, path, 256);
    }

    static CommandAPDU readBinary(int offset) {
        return new CommandAPDU(0x00, 0xB0, offset >>> 8, offset & 0xFF, 256);
    }

    static CommandAPDU readBinaryShortId(int shortFileId) {
        return new CommandAPDU(0x00, 0xB0, 0x80 | shortFileId, 0x00, 256);
    }

    static CommandAPDU updateBinary(int offset, byte[] data) {
        return new CommandAPDU(0x00, 0xD6, offset >>> 8, offset & 0xFF, data);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
