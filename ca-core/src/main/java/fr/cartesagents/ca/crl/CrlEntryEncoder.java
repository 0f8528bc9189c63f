package fr.cartesagents.ca.crl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;

import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.status.RevokedCertificate;

/**
 * Encodes revokedCertificates entries (RFC 5280 section 5.1.2.6) straight into a {@link DerBuffer}.
 *
 * <p>The fixed parts (reason code extensions, the invalidity date prefix) are encoded once by
 * BouncyCastle; only the serial number and the times are written per entry, which keeps a CRL of a
 * million entries to a fraction of a second of encoding.
 */
final class CrlEntryEncoder {

    private static final int UTC_TIME_LENGTH = 13;          // YYMMDDHHMMSSZ
    private static final int GENERALIZED_TIME_LENGTH = 15;  // YYYYMMDDHHMMSSZ

    /** Complete DER of the reasonCode extension per reason; absent for unspecified (RFC 5280 section 5.3.1). */
    private final Map<RevocationReason, byte[]> reasonExtensions = new EnumMap<>(RevocationReason.class);
    /** DER of an invalidityDate extension whose last 15 bytes are the GeneralizedTime digits. */
    private final byte[] invalidityDateTemplate;
    private final byte[] timeDigits = new byte[GENERALIZED_TIME_LENGTH];

    CrlEntryEncoder() {
        try {
            for (RevocationReason reason : RevocationReason.values()) {
                if (reason != RevocationReason.UNSPECIFIED) {
                    reasonExtensions.put(reason, new Extension(Extension.reasonCode, false,
                            CRLReason.lookup(reason.code()).getEncoded(ASN1Encoding.DER)).getEncoded(ASN1Encoding.DER));
                }
            }
            invalidityDateTemplate = new Extension(Extension.invalidityDate, false,
                    new ASN1GeneralizedTime(new Date(0)).getEncoded(ASN1Encoding.DER)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one revokedCertificates entry. Not thread-safe: one encoder per CRL being built. */
    void encode(RevokedCertificate entry, DerBuffer out) {
        BigInteger serial = entry.serialNumber();
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("CRL entry with a non-positive serial number: " + serial);
        }
        byte[] serialBytes = serial.toByteArray();
        int revocationYear = formatTime(entry.revocationTime().getEpochSecond());
        boolean revocationInUtcTime = usesUtcTime(revocationYear);
        int revocationTimeLength = revocationInUtcTime ? UTC_TIME_LENGTH : GENERALIZED_TIME_LENGTH;

        byte[] reasonExtension = reasonExtensions.get(entry.reason());
        Instant invalidityDate = entry.invalidityDate().orElse(null);
        int extensionsContent = (reasonExtension == null ? 0 : reasonExtension.length)
                + (invalidityDate == null ? 0 : invalidityDateTemplate.length);

        int entryContent = DerBuffer.tlvSize(serialBytes.length) + DerBuffer.tlvSize(revocationTimeLength)
                + (extensionsContent == 0 ? 0 : DerBuffer.tlvSize(extensionsContent));

        out.writeHeader(BERTags.SEQUENCE | BERTags.CONSTRUCTED, entryContent);
        out.writeHeader(BERTags.INTEGER, serialBytes.length);
        out.write(serialBytes);
        if (revocationInUtcTime) {
            out.writeHeader(BERTags.UTC_TIME, UTC_TIME_LENGTH);
            out.write(timeDigits, 2, UTC_TIME_LENGTH);
        } else {
            out.writeHeader(BERTags.GENERALIZED_TIME, GENERALIZED_TIME_LENGTH);
            out.write(timeDigits, 0, GENERALIZED_TIME_LENGTH);
        }
        if (extensionsContent > 0) {
            out.writeHeader(BERTags.SEQUENCE | BERTags.CONSTRUCTED, extensionsContent);
            if (reasonExtension != null) {
                out.write(reasonExtension);
            }
            if (invalidityDate != null) {
                // invalidityDate is always a GeneralizedTime (RFC 5280 section 5.3.2)
                out.write(invalidityDateTemplate, 0, invalidityDateTemplate.length - GENERALIZED_TIME_LENGTH);
                formatTime(invalidityDate.getEpochSecond());
                out.write(timeDigits, 0, GENERALIZED_TIME_LENGTH);
            }
        }
    }

    /** RFC 5280 section 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 (and before 1950). */
    static boolean usesUtcTime(int year) {
        return year >= 1950 && year <= 2049;
    }

    /** Writes YYYYMMDDHHMMSSZ into {@link #timeDigits} and returns the year. */
    private int formatTime(long epochSecond) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("Time outside years 0000-9999: " + Instant.ofEpochSecond(epochSecond));
        }
        putDigits(0, year, 4);
        putDigits(4, time.getMonthValue(), 2);
        putDigits(6, time.getDayOfMonth(), 2);
        putDigits(8, time.getHour(), 2);
        putDigits(10, time.getMinute(), 2);
        putDigits(12, time.getSecond(), 2);
        timeDigits[14] = 'Z';
        return year;
    }

    private void putDigits(int offset, int value, int width) {
        for (int i = offset + width - 1; i >= offset; i--) {
            timeDigits[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
