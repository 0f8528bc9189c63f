package fr.cartesagents.bridge.pcsc;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.KEY_REFERENCE_TAG;

import javax.smartcardio.CommandAPDU;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.Instruction;
import fr.cartesagents.bridge.apdu.Tlv;
import fr.cartesagents.bridge.card.KeyRole;

/** The command APDUs of the agent card dialect ({@code docs/card-simulator.md}). */
final class AgentCardCommands {

    /** Le of an extended APDU asking for everything (Le = 0000). */
    static final int EXTENDED_ALL = 65536;
    static final int SHORT_ALL = 256;
    /** READ BINARY slice: well under the JDK's 8 KiB receive buffer. */
    static final int READ_SLICE = 4096;

    private AgentCardCommands() {
    }

    static CommandAPDU selectApplication() {
        return new CommandAPDU(0x00, Instruction.SELECT, AgentCardLayout.SELECT_BY_AID, AgentCardLayout.SELECT_NO_RESPONSE,
                AgentCardLayout.applicationId());
    }

    static CommandAPDU getSerialNumber() {
        int tag = AgentCardLayout.SERIAL_NUMBER_TAG;
        return new CommandAPDU(0x00, Instruction.GET_DATA, tag >>> 8, tag & 0xFF, SHORT_ALL);
    }

    /** VERIFY without data: the card answers with the tries left, spending none. */
    static CommandAPDU userPinStatus() {
        return new CommandAPDU(0x00, Instruction.VERIFY, 0x00, AgentCardLayout.USER_PIN_REFERENCE);
    }

    static CommandAPDU verifyUserPin(byte[] pinBlock) {
        return new CommandAPDU(0x00, Instruction.VERIFY, 0x00, AgentCardLayout.USER_PIN_REFERENCE, pinBlock);
    }

    static CommandAPDU logout() {
        return new CommandAPDU(0x00, Instruction.VERIFY, AgentCardLayout.VERIFY_LOGOUT, AgentCardLayout.USER_PIN_REFERENCE);
    }

    static CommandAPDU changeUserPin(byte[] currentAndReplacementBlocks) {
        return new CommandAPDU(0x00, Instruction.CHANGE_REFERENCE_DATA, 0x00, AgentCardLayout.USER_PIN_REFERENCE,
                currentAndReplacementBlocks);
    }

    static CommandAPDU resetRetryCounter(byte[] pukAndReplacementBlocks) {
        return new CommandAPDU(0x00, Instruction.RESET_RETRY_COUNTER, 0x00, AgentCardLayout.USER_PIN_REFERENCE,
                pukAndReplacementBlocks);
    }

    /** Generates the role's key pair; the public key comes back whole in the extended response. */
    static CommandAPDU generateKeyPair(KeyRole role) {
        return new CommandAPDU(0x00, Instruction.GENERATE_ASYMMETRIC_KEY_PAIR, AgentCardLayout.GENERATE, 0x00,
                keyTemplate(role), EXTENDED_ALL);
    }

    /** Reads the role's public key with a short Le: the rest follows by GET RESPONSE. */
    static CommandAPDU readPublicKey(KeyRole role) {
        return new CommandAPDU(0x00, Instruction.GENERATE_ASYMMETRIC_KEY_PAIR, AgentCardLayout.READ_PUBLIC_KEY, 0x00,
                keyTemplate(role), SHORT_ALL);
    }

    static CommandAPDU setSecurityEnvironment(KeyRole role) {
        return new CommandAPDU(0x00, Instruction.MANAGE_SECURITY_ENVIRONMENT, AgentCardLayout.MSE_SET,
                AgentCardLayout.securityEnvironmentTemplate(role), keyReference(role));
    }

    static CommandAPDU computeDigitalSignature(byte[] digestInfo) {
        return new CommandAPDU(0x00, Instruction.PERFORM_SECURITY_OPERATION, AgentCardLayout.PSO_DIGITAL_SIGNATURE,
                AgentCardLayout.PSO_DATA_TO_SIGN, digestInfo, SHORT_ALL);
    }

    static CommandAPDU internalAuthenticate(byte[] digestInfo) {
        return new CommandAPDU(0x00, Instruction.INTERNAL_AUTHENTICATE, 0x00, 0x00, digestInfo, SHORT_ALL);
    }

    static CommandAPDU selectCertificateFile(KeyRole role) {
        int fileId = AgentCardLayout.certificateFileId(role);
        return new CommandAPDU(0x00, Instruction.SELECT, AgentCardLayout.SELECT_EF_UNDER_CURRENT_DF,
                AgentCardLayout.SELECT_NO_RESPONSE, new byte[] {(byte) (fileId >>> 8), (byte) fileId});
    }

    static CommandAPDU readBinary(int offset) {
        return new CommandAPDU(0x00, Instruction.READ_BINARY, offset >>> 8, offset & 0xFF, READ_SLICE);
    }

    /** The whole file content, sent as a command chain of short APDUs by the exchange. */
    static CommandAPDU updateBinary(byte[] contents) {
        return new CommandAPDU(0x00, Instruction.UPDATE_BINARY, 0x00, 0x00, contents);
    }

    static CommandAPDU eraseBinary() {
        return new CommandAPDU(0x00, Instruction.ERASE_BINARY, 0x00, 0x00);
    }

    private static byte[] keyTemplate(KeyRole role) {
        return Tlv.encode(AgentCardLayout.securityEnvironmentTemplate(role), keyReference(role));
    }

    private static byte[] keyReference(KeyRole role) {
        return Tlv.encode(KEY_REFERENCE_TAG, new byte[] {(byte) AgentCardLayout.keyReference(role)});
    }
}
