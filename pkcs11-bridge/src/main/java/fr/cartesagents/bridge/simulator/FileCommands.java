package fr.cartesagents.bridge.simulator;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_BY_AID;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_BY_FILE_ID;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_EF_UNDER_CURRENT_DF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_NO_RESPONSE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_PATH_FROM_CURRENT_DF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_PATH_FROM_MF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_RETURN_FCI;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SELECT_RETURN_FCP;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SHORT_FILE_ID_FLAG;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

import javax.smartcardio.CommandAPDU;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.StatusWord;

/**
 * SELECT (by file identifier, by AID, by path from the MF or the current DF), READ BINARY, UPDATE
 * BINARY and ERASE BINARY (by the current EF or a short file identifier) on the simulated card's
 * file tree. Reading needs nothing; writing the application's files needs the user PIN; the
 * manufacturer's files in the MF are never written.
 */
final class FileCommands {

    private final SimulatedCardState state;
    private final CardSession session;

    FileCommands(SimulatedCardState state, CardSession session) {
        this.state = state;
        this.session = session;
    }

    Reply select(CommandAPDU command) {
        int p2 = command.getP2();
        if (p2 != SELECT_NO_RESPONSE && p2 != SELECT_RETURN_FCP && p2 != SELECT_RETURN_FCI) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        byte[] data = command.getData();
        Optional<CardFile> target = switch (command.getP1()) {
            case SELECT_BY_FILE_ID -> data.length == 0
                    ? CardFiles.byId(AgentCardLayout.MASTER_FILE)
                    : data.length == 2 ? CardFiles.child(session.currentDf, fileId(data, 0)) : null;
            case SELECT_EF_UNDER_CURRENT_DF -> data.length == 2
                    ? CardFiles.child(session.currentDf, fileId(data, 0)).filter(file -> !file.dedicated())
                    : null;
            case SELECT_BY_AID -> CardFiles.byApplicationId(data);
            case SELECT_PATH_FROM_MF -> walk(AgentCardLayout.MASTER_FILE, data);
            case SELECT_PATH_FROM_CURRENT_DF -> walk(session.currentDf, data);
            default -> null;
        };
        if (target == null) {
            return Reply.of(command.getP1() > SELECT_PATH_FROM_CURRENT_DF ? StatusWord.INCORRECT_P1_P2 : StatusWord.WRONG_LENGTH);
        }
        if (target.isEmpty()) {
            return Reply.of(StatusWord.FILE_NOT_FOUND);
        }
        CardFile file = target.get();
        if (file.dedicated()) {
            session.currentDf = file.fileId();
            session.currentEf = OptionalInt.empty();
        } else {
            session.currentDf = file.parentId();
            session.currentEf = OptionalInt.of(file.fileId());
        }
        return p2 == SELECT_NO_RESPONSE ? Reply.ok() : Reply.ok(file.controlParameters(state.file(file.fileId()).length));
    }

    /** READ BINARY at offset P1-P2 (or P2 in the file named by a short identifier); a short read ends with 6282. */
    Reply readBinary(CommandAPDU command) {
        Optional<CardFile> file = targetFile(command);
        if (file.isEmpty()) {
            return Reply.of(command.getP1() >= SHORT_FILE_ID_FLAG ? StatusWord.FILE_NOT_FOUND : StatusWord.NO_CURRENT_ELEMENTARY_FILE);
        }
        byte[] contents = state.file(file.get().fileId());
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
        Optional<CardFile> file = targetFile(command);
        Optional<Reply> refusal = refuseWrite(command, file);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        byte[] contents = state.file(file.get().fileId());
        int offset = offset(command);
        byte[] data = command.getData();
        if (offset > contents.length) {
            return Reply.of(StatusWord.OFFSET_OUTSIDE_FILE);
        }
        if (offset + data.length > file.get().capacity()) {
            return Reply.of(StatusWord.NOT_ENOUGH_MEMORY);
        }
        byte[] updated = Arrays.copyOf(contents, Math.max(contents.length, offset + data.length));
        System.arraycopy(data, 0, updated, offset, data.length);
        state.file(file.get().fileId(), updated);
        return Reply.ok();
    }

    /** ERASE BINARY from the offset to the end of the file (the file's content shrinks). */
    Reply eraseBinary(CommandAPDU command) {
        Optional<CardFile> file = targetFile(command);
        Optional<Reply> refusal = refuseWrite(command, file);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        byte[] contents = state.file(file.get().fileId());
        int offset = offset(command);
        if (offset > contents.length) {
            return Reply.of(StatusWord.OFFSET_OUTSIDE_FILE);
        }
        state.file(file.get().fileId(), Arrays.copyOf(contents, offset));
        return Reply.ok();
    }

    private Optional<CardFile> targetFile(CommandAPDU command) {
        if (command.getP1() >= SHORT_FILE_ID_FLAG) {
            Optional<CardFile> named = CardFiles.byShortId(command.getP1() & 0x1F);
            named.ifPresent(file -> session.currentEf = OptionalInt.of(file.fileId()));
            return named;
        }
        return session.currentEf.isEmpty() ? Optional.empty() : CardFiles.byId(session.currentEf.getAsInt());
    }

    private Optional<Reply> refuseWrite(CommandAPDU command, Optional<CardFile> file) {
        if (file.isEmpty()) {
            return Optional.of(Reply.of(command.getP1() >= SHORT_FILE_ID_FLAG
                    ? StatusWord.FILE_NOT_FOUND : StatusWord.NO_CURRENT_ELEMENTARY_FILE));
        }
        if (!file.get().updateNeedsPin() || !session.userPinVerified) {
            return Optional.of(Reply.of(StatusWord.SECURITY_STATUS_NOT_SATISFIED));
        }
        return Optional.empty();
    }

    /** Follows a path of file identifiers from {@code start}; empty if a step is missing. */
    private static Optional<CardFile> walk(int start, byte[] path) {
        if (path.length == 0 || path.length % 2 != 0) {
            return null;
        }
        Optional<CardFile> current = CardFiles.byId(start);
        for (int i = 0; i < path.length && current.isPresent(); i += 2) {
            CardFile from = current.get();
            if (!from.dedicated()) {
                return Optional.empty();
            }
            current = CardFiles.child(from.fileId(), fileId(path, i));
        }
        return current;
    }

    private static int fileId(byte[] data, int offset) {
        return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
    }

    private static int offset(CommandAPDU command) {
        return command.getP1() >= SHORT_FILE_ID_FLAG ? command.getP2() : (command.getP1() << 8) | command.getP2();
    }
}
