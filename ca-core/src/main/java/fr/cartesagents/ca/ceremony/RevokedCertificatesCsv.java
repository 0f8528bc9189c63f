package fr.cartesagents.ca.ceremony;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.status.RevokedCertificate;

/**
 * The revoked certificates a CRL lists, one per line:
 * {@code serialHex,revocationTime,reason[,invalidityDate]}, times in ISO 8601 with an offset
 * ({@code 2025-03-01T09:30:00Z}), reasons as RFC 5280 names them ({@code keyCompromise}). Blank lines
 * and lines starting with {@code #} are ignored. Every error names the line.
 */
final class RevokedCertificatesCsv {

    private static final Pattern HEX_SERIAL = Pattern.compile("(0x)?[0-9a-fA-F]+(:[0-9a-fA-F]{2})*");

    private RevokedCertificatesCsv() {
    }

    static List<RevokedCertificate> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CeremonyException("--revoked: " + file + " does not exist");
        } catch (MalformedInputException e) {
            throw new CeremonyException("--revoked: " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CeremonyException("--revoked: cannot read " + file + " (" + CeremonyFiles.describe(e) + ")");
        }
        return parse(lines, file.toString());
    }

    static List<RevokedCertificate> parse(List<String> lines, String source) {
        List<RevokedCertificate> entries = new ArrayList<>();
        Set<BigInteger> serials = new HashSet<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (index + 1);
            RevokedCertificate entry = parseLine(line, where);
            if (!serials.add(entry.serialNumber())) {
                throw new CeremonyException(where + ": serial " + entry.serialNumber().toString(16) + " is listed twice");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static RevokedCertificate parseLine(String line, String where) {
        String[] fields = line.split(",", -1);
        if (fields.length < 3 || fields.length > 4) {
            throw new CeremonyException(where + ": expected serialHex,revocationTime,reason[,invalidityDate], got "
                    + fields.length + " fields");
        }
        BigInteger serial = serial(fields[0].strip(), where);
        Instant revocationTime = time(fields[1].strip(), "revocation time", where);
        String reasonName = fields[2].strip();
        RevocationReason reason = RevocationReason.fromRfcName(reasonName).orElseThrow(() -> new CeremonyException(
                where + ": unknown reason '" + reasonName + "'; RFC 5280 names: "
                        + java.util.Arrays.stream(RevocationReason.values()).map(RevocationReason::rfcName).toList()));
        Optional<Instant> invalidityDate = fields.length == 4 && !fields[3].isBlank()
                ? Optional.of(time(fields[3].strip(), "invalidity date", where))
                : Optional.empty();
        if (invalidityDate.isPresent() && invalidityDate.get().isAfter(revocationTime)) {
            // RFC 5280 5.3.2: the date the key is known or suspected to have been compromised, so not after revocation
            throw new CeremonyException(where + ": the invalidity date is after the revocation time");
        }
        return new RevokedCertificate(serial, revocationTime, reason, invalidityDate);
    }

    private static BigInteger serial(String text, String where) {
        if (!HEX_SERIAL.matcher(text).matches()) {
            throw new CeremonyException(where + ": '" + text + "' is not a hexadecimal serial number");
        }
        String digits = text.replace(":", "");
        digits = digits.startsWith("0x") ? digits.substring(2) : digits;
        BigInteger serial = new BigInteger(digits, 16);
        if (serial.signum() <= 0) {
            throw new CeremonyException(where + ": a serial number is positive, got " + text);
        }
        return serial;
    }

    private static Instant time(String text, String what, String where) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new CeremonyException(where + ": the " + what + " '" + text
                    + "' is not an ISO 8601 time with an offset, such as 2025-03-01T09:30:00Z");
        }
    }
}
