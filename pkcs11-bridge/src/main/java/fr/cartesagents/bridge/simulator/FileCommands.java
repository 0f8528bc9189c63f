package fr.cartesagents.bridge.simulator;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.CERTIFICATE_FILE_SIZE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_BY_AID;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_EF_UNDER_CURRENT_DF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_NO_RESPONSE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_RETURN_FCI;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SERIAL_NUMBER_TAG;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

import javax.smartcardio.CommandAPDU;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.StatusWord;
import fr.cartesagents.bridge.apdu.Tlv;
import fr.cartesagents.bridge.card.KeyRole;

/**
 * SELECT (the application by AID, a certificate EF by file identifier), GET DATA (serial number),
 * READ BINARY, UPDATE BINARY and ERASE BINARY on the simulated card. Reading needs no PIN; writing
 * and erasing a certificate need the user PIN.
 */
final class FileCommands {

    private static final int FCI_TEMPLATE = 0x6F;
    private static final int DF_NAME = 0x84;
    private static final int SHORT_FILE_ID_FLAG = 0x80;

    private final SimulatedCardState state;
    private final CardSession session;

    FileCommands(SimulatedCardState state, CardSession session) {
        this.state = state;
        this.session = session;
    }

    Reply select(CommandAPDU command) {
        if (command.getP2() != SELECT_NO_RESPONSE && command.getP2() != SELECT_RETURN_FCI) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        byte[] data = command.getData();
        if (command.getP1() == SELECT_BY_AID) {
            if (!Arrays.equals(data, AgentCardLayout.applicationId())) {
                return Reply.of(StatusWord.FILE_NOT_FOUND);
            }
            session.applicationSelected = true;
            session.selectedFile = OptionalInt.empty();
            return command.getP2() == SELECT_RETURN_FCI
                    ? Reply.ok(Tlv.encode(FCI_TEMPLATE, Tlv.encode(DF_NAME, data)))
                    : Reply.ok();
        }
        if (command.getP1() == SELECT_EF_UNDER_CURRENT_DF || command.getP1() == 0x00) {
            if (data.length != 2) {
                return Reply.of(StatusWord.WRONG_LENGTH);
            }
            int fileId = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
            if (!isCertificateFile(fileId)) {
                return Reply.of(StatusWord.FILE_NOT_FOUND);
            }
            session.selectedFile = OptionalInt.of(fileId);
            return Reply.ok();
        }
        return Reply.of(StatusWord.INCORRECT_P1_P2);
    }

    /** GET DATA of the serial number; a Le too short for it is answered 6Cxx with the exact length. */
    Reply getData(CommandAPDU command) {
        int tag = (command.getP1() << 8) | command.getP2();
        if (tag != SERIAL_NUMBER_TAG) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        byte[] serial = state.serialNumber();
        if (command.getNe() < serial.length) {
            return Reply.of(StatusWord.wrongLe(serial.length));
        }
        return Reply.ok(serial);
    }

    /** READ BINARY at offset P1-P2; fewer bytes than asked for (end of file) end with 6282. */
    Reply readBinary(CommandAPDU command) {
        if ((command.getP1() & SHORT_FILE_ID_FLAG) != 0) {
            return Reply.of(StatusWord.FUNCTION_NOT_SUPPORTED);
        }
        if (session.selectedFile.isEmpty()) {
            return Reply.of(StatusWord.NO_CURRENT_ELEMENTARY_FILE);
        }
        byte[] contents = state.file(session.selectedFile.getAsInt());
        int offset = offset(command);
        if (offset > contents.length) {
            return Reply.of(StatusWord.OFFSET_OUTSIDE_FILE);
        }
        int wanted = command.getNe() == 0 ? 256 : command.getNe();
        int available = Math.min(wanted, contents.length - offset);
        byte[] data = Arrays.copyOfRange(contents, offset, offset + available);
        return new Reply(data, available < wanted ? StatusWord.END_OF_FILE : StatusWord.SUCCESS);
    }

    Reply updateBinary(CommandAPDU command) {
        Optional<Reply> refusal = refuseWrite(command);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        byte[] contents = state.file(session.selectedFile.getAsInt());
        int offset = offset(command);
        byte[] data = command.getData();
        if (offset > contents.length) {
            return Reply.of(StatusWord.OFFSET_OUTSIDE_FILE);
        }
        if (offset + data.length > CERTIFICATE_FILE_SIZE) {
            return Reply.of(StatusWord.NOT_ENOUGH_MEMORY);
        }
        byte[] updated = Arrays.copyOf(contents, Math.max(contents.length, offset + data.length));
        System.arraycopy(data, 0, updated, offset, data.length);
        state.file(session.selectedFile.getAsInt(), updated);
        return Reply.ok();
    }

    /** ERASE BINARY from offset P1-P2 to the end of the file (the file shrinks). */
    Reply eraseBinary(CommandAPDU command) {
        Optional<Reply> refusal = refuseWrite(command);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        byte[] contents = state.file(session.selectedFile.getAsInt());
        int offset = offset(command);
        if (offset > contents.length) {
            return Reply.of(StatusWord.OFFSET_OUTSIDE_FILE);
        }
        state.file(session.selectedFile.getAsInt(), Arrays.copyOf(contents, offset));
        return Reply.ok();
    }

    private Optional<Reply> refuseWrite(CommandAPDU command) {
        if ((command.getP1() & SHORT_FILE_ID_FLAG) != 0) {
            return Optional.of(Reply.of(StatusWord.FUNCTION_NOT_SUPPORTED));
        }
        if (session.selectedFile.isEmpty()) {
            return Optional.of(Reply.of(StatusWord.NO_CURRENT_ELEMENTARY_FILE));
        }
        if (!session.userPinVerified) {
            return Optional.of(Reply.of(StatusWord.SECURITY_STATUS_NOT_SATISFIED));
        }
        return Optional.empty();
    }

    private static int offset(CommandAPDU command) {
        return (command.getP1() << 8) | command.getP2();
    }

    private static boolean isCertificateFile(int fileId) {
        return Arrays.stream(KeyRole.values()).anyMatch(role -> AgentCardLayout.certificateFileId(role) == fileId);
    }
}
