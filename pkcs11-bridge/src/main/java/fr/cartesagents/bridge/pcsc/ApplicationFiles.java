package fr.cartesagents.bridge.pcsc;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import javax.smartcardio.ResponseAPDU;

import fr.cartesagents.bridge.apdu.Instruction;
import fr.cartesagents.bridge.apdu.StatusWord;
import fr.cartesagents.bridge.apdu.Tlv;

/**
 * Reads and writes the transparent EFs of the PKCS#15 application (the application selected):
 * SELECT with the FCP, whose size says how much to read; READ BINARY in short slices; writing erases
 * the old content and sends the new one in UPDATE BINARY slices at increasing offsets, as OpenSC
 * does for IAS-ECC (no command chaining).
 */
final class ApplicationFiles {

    private static final int FCP = 0x62;
    private static final int FCP_SIZE = 0x80;

    private final PcscCardDriver driver;

    ApplicationFiles(PcscCardDriver driver) {
        this.driver = driver;
    }

    byte[] read(int fileId) {
        byte[] fcp = driver.expectSuccess("SELECT", AgentCardCommands.selectFile(fileId));
        int size = Tlv.find(fcp, FCP).flatMap(inner -> Tlv.find(inner, FCP_SIZE))
                .map(bytes -> bytes.length == 2 ? ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF) : -1)
                .orElse(-1);
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        while (size < 0 || contents.size() < size) {
            ResponseAPDU slice = driver.transmit(AgentCardCommands.readBinary(contents.size()));
            StatusWord status = StatusWord.of(slice);
            if (!status.isSuccess() && status.value() != StatusWord.END_OF_FILE.value()) {
                throw status.toException(Instruction.name(Instruction.READ_BINARY));
            }
            contents.writeBytes(slice.getData());
            if (!status.isSuccess() || slice.getData().length == 0) {
                break;
            }
        }
        return contents.toByteArray();
    }

    void write(int fileId, byte[] contents) {
        driver.expectSuccess("SELECT", AgentCardCommands.selectFile(fileId));
        driver.expectSuccess("ERASE BINARY", AgentCardCommands.eraseBinary());
        for (int offset = 0; offset < contents.length; offset += AgentCardCommands.WRITE_SLICE) {
            byte[] slice = Arrays.copyOfRange(contents, offset, Math.min(contents.length, offset + AgentCardCommands.WRITE_SLICE));
            driver.expectSuccess("UPDATE BINARY", AgentCardCommands.updateBinary(offset, slice));
        }
    }

    /** Whether the file holds anything, from its FCP size alone. */
    boolean isEmpty(int fileId) {
        byte[] fcp = driver.expectSuccess("SELECT", AgentCardCommands.selectFile(fileId));
        return Tlv.find(fcp, FCP).flatMap(inner -> Tlv.find(inner, FCP_SIZE))
                .map(bytes -> Arrays.equals(bytes, new byte[2]))
                .orElse(true);
    }
}
