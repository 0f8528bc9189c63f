package fr.cartesagents.bridge.pcsc;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.ALGORITHM_TAG;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.KEY_REFERENCE_TAG;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.OBJECT_REFERENCE_LOCAL;

import javax.smartcardio.CommandAPDU;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.Instruction;
import fr.cartesagents.bridge.apdu.Tlv;
import fr.cartesagents.bridge.card.KeyRole;

/**
 * The command APDUs of the IAS-ECC command set the driver uses, as OpenSC's {@code iasecc} driver
 * sends them ({@code docs/card-simulator.md} lists them with their answers).
 */
final class AgentCardCommands {

    static final int SHORT_ALL = 256;
    /** UPDATE BINARY slice: the 255-byte data field of a short APDU (EF.ATR's I/O buffer size). */
    static final int WRITE_SLICE = 255;

    private AgentCardCommands() {
    }

    static CommandAPDU selectApplication() {
        return new CommandAPDU(0x00, Instruction.SELECT, AgentCardLayout.SELECT_BY_AID, AgentCardLayout.SELECT_NO_RESPONSE,
                AgentCardLayout.applicationId());
    }

    /** READ BINARY of EF.SN by its short identifier: 5A, length, serial. */
    static CommandAPDU readSerialNumber() {
        return new CommandAPDU(0x00, Instruction.READ_BINARY, AgentCardLayout.SHORT_FILE_ID_FLAG | AgentCardLayout.SFI_EF_SN, 0x00,
                SHORT_ALL);
    }

    /** VERIFY without data: the card answers with the tries left, spending none. */
    static CommandAPDU pinStatus(int reference) {
        return new CommandAPDU(0x00, Instruction.VERIFY, 0x00, reference);
    }

    /** VERIFY of the PIN or PUK {@code reference}, unpadded as IAS-ECC takes it. */
    static CommandAPDU verify(int reference, byte[] secret) {
        return new CommandAPDU(0x00, Instruction.VERIFY, 0x00, reference, secret);
    }

    static CommandAPDU logout() {
        return new CommandAPDU(0x00, Instruction.VERIFY, AgentCardLayout.VERIFY_LOGOUT, AgentCardLayout.USER_PIN_REFERENCE);
    }

    /** CHANGE REFERENCE DATA P1=00: current PIN then new PIN. */
    static CommandAPDU changeUserPin(byte[] currentThenReplacement) {
        return new CommandAPDU(0x00, Instruction.CHANGE_REFERENCE_DATA, 0x00, AgentCardLayout.USER_PIN_REFERENCE,
                currentThenReplacement);
    }

    /** CHANGE REFERENCE DATA P1=00 on the PUK: current PUK then new PUK. */
    static CommandAPDU changePuk(byte[] currentThenReplacement) {
        return new CommandAPDU(0x00, Instruction.CHANGE_REFERENCE_DATA, 0x00, AgentCardLayout.PUK_REFERENCE,
                currentThenReplacement);
    }

    /** RESET RETRY COUNTER P1=02 once the PUK or the unblock key was presented: the new PIN only. */
    static CommandAPDU resetRetryCounter(byte[] replacement) {
        return new CommandAPDU(0x00, Instruction.RESET_RETRY_COUNTER, AgentCardLayout.RESET_WITH_NEW_PIN,
                AgentCardLayout.USER_PIN_REFERENCE, replacement);
    }

    static CommandAPDU getChallenge() {
        return new CommandAPDU(0x00, Instruction.GET_CHALLENGE, 0x00, 0x00, AgentCardLayout.CHALLENGE_LENGTH);
    }

    static CommandAPDU externalAuthenticate(byte[] response) {
        return new CommandAPDU(0x00, Instruction.EXTERNAL_AUTHENTICATE, 0x00, AgentCardLayout.UNBLOCK_KEY_REFERENCE, response);
    }

    /** GENERATE ASYMMETRIC KEY PAIR 00 00 with the private key's SDO (key reference {@code key}): 70 { BF 90 ref }. */
    static CommandAPDU generateKeyPair(int key) {
        return new CommandAPDU(0x00, Instruction.GENERATE_ASYMMETRIC_KEY_PAIR, 0x00, 0x00,
                Tlv.encode(AgentCardLayout.SDO_TEMPLATE, sdoHeader(AgentCardLayout.SDO_CLASS_RSA_PRIVATE, key)));
    }

    /** GET DATA of the public key SDO of key reference {@code key}, asking for its 7F49 template; the rest follows by GET RESPONSE. */
    static CommandAPDU readPublicKey(int key) {
        byte[] request = Tlv.concatenate(sdoHeader(AgentCardLayout.SDO_CLASS_RSA_PUBLIC, key), new byte[] {0x03, 0x7F, 0x49, (byte) 0x80});
        return new CommandAPDU(0x00, Instruction.GET_DATA_OBJECT, AgentCardLayout.SDO_P1_P2 >>> 8, AgentCardLayout.SDO_P1_P2 & 0xFF,
                Tlv.encode(AgentCardLayout.EXTENDED_HEADER_LIST, Tlv.encode(AgentCardLayout.SDO_TEMPLATE, request)), SHORT_ALL);
    }

    static CommandAPDU setHashTemplate() {
        return new CommandAPDU(0x00, Instruction.MANAGE_SECURITY_ENVIRONMENT, AgentCardLayout.MSE_SET, AgentCardLayout.HASH_TEMPLATE,
                Tlv.encode(ALGORITHM_TAG, new byte[] {(byte) AgentCardLayout.ALGORITHM_SHA256}));
    }

    /** MSE SET of the role's template: key reference {@code key} (local) and the role's algorithm. */
    static CommandAPDU setSecurityEnvironment(KeyRole role, int key) {
        int algorithm = role == KeyRole.SIGNATURE ? AgentCardLayout.ALGORITHM_RSA_PKCS_SHA256 : AgentCardLayout.ALGORITHM_RSA_PKCS;
        return new CommandAPDU(0x00, Instruction.MANAGE_SECURITY_ENVIRONMENT, AgentCardLayout.MSE_SET,
                AgentCardLayout.securityEnvironmentTemplate(role), Tlv.concatenate(
                        Tlv.encode(KEY_REFERENCE_TAG, new byte[] {(byte) (key | OBJECT_REFERENCE_LOCAL)}),
                        Tlv.encode(ALGORITHM_TAG, new byte[] {(byte) algorithm})));
    }

    /** PSO HASH with the whole hash computed here (tag 90). */
    static CommandAPDU hash(byte[] digest) {
        return new CommandAPDU(0x00, Instruction.PERFORM_SECURITY_OPERATION, AgentCardLayout.PSO_HASH_P1, AgentCardLayout.PSO_HASH_P2,
                Tlv.encode(AgentCardLayout.PSO_HASH_VALUE_TAG, digest));
    }

    static CommandAPDU computeDigitalSignature() {
        return new CommandAPDU(0x00, Instruction.PERFORM_SECURITY_OPERATION, AgentCardLayout.PSO_DIGITAL_SIGNATURE,
                AgentCardLayout.PSO_DATA_TO_SIGN, SHORT_ALL);
    }

    static CommandAPDU internalAuthenticate(byte[] digestInfo) {
        return new CommandAPDU(0x00, Instruction.INTERNAL_AUTHENTICATE, 0x00, 0x00, digestInfo, SHORT_ALL);
    }

    /** SELECT of an EF of the application (current DF) by identifier, with its FCP (size). */
    static CommandAPDU selectFile(int fileId) {
        return new CommandAPDU(0x00, Instruction.SELECT, AgentCardLayout.SELECT_EF_UNDER_CURRENT_DF, AgentCardLayout.SELECT_RETURN_FCP,
                new byte[] {(byte) (fileId >>> 8), (byte) fileId}, SHORT_ALL);
    }

    static CommandAPDU readBinary(int offset) {
        return new CommandAPDU(0x00, Instruction.READ_BINARY, offset >>> 8, offset & 0xFF, SHORT_ALL);
    }

    static CommandAPDU updateBinary(int offset, byte[] slice) {
        return new CommandAPDU(0x00, Instruction.UPDATE_BINARY, offset >>> 8, offset & 0xFF, slice);
    }

    static CommandAPDU eraseBinary() {
        return new CommandAPDU(0x00, Instruction.ERASE_BINARY, 0x00, 0x00);
    }

    private static byte[] sdoHeader(int sdoClass, int key) {
        return new byte[] {(byte) AgentCardLayout.SDO_HEADER, (byte) (sdoClass | OBJECT_REFERENCE_LOCAL),
                (byte) (key | OBJECT_REFERENCE_LOCAL)};
    }
}
