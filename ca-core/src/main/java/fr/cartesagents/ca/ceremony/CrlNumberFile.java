package fr.cartesagents.ca.ceremony;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file holding the number of the last CRL a CA signed. Drawing the next number writes it back before
 * the CRL is signed: a number is never used twice, even if signing then fails (RFC 5280 5.2.3 wants
 * them increasing; gaps are harmless). Two processes drawing at once are serialised by a lock on the
 * number file itself (threads of one process by this class's monitor: a JVM holds file locks for the
 * whole process), so no lock file is left behind. The new number is written over the old one in
 * place: it is never shorter, so the file holds the old number or the new one, never a fragment.
 */
final class CrlNumberFile {

    private CrlNumberFile() {
    }

    /**
     * @throws CeremonyException if the file is missing (a missing file could restart the sequence at 1
     *                           and publish numbers relying parties already saw) or does not hold a number
     */
    static synchronized BigInteger drawNext(Path file) {
        read(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            BigInteger next = read(file).add(BigInteger.ONE);
            ByteBuffer text = StandardCharsets.US_ASCII.encode(next + "\n");
            int length = text.remaining();
            while (text.hasRemaining()) {
                channel.write(text, length - text.remaining());
            }
            channel.truncate(length);
            channel.force(true);
            return next;
        } catch (IOException e) {
            throw new CeremonyException("--number-file: cannot update " + file + " (" + CeremonyFiles.describe(e) + ")", e);
        }
    }

    static BigInteger read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new CeremonyException("--number-file: " + file + " does not exist; create it holding the number of the "
                    + "last CRL this CA published (0 before its first CRL), e.g. echo 0 > " + file);
        } catch (IOException e) {
            throw new CeremonyException("--number-file: cannot read " + file + " (" + CeremonyFiles.describe(e) + ")");
        }
        if (!text.matches("[0-9]{1,48}")) {
            throw new CeremonyException("--number-file: " + file + " does not hold a CRL number (a non-negative integer)");
        }
        return new BigInteger(text);
    }
}
