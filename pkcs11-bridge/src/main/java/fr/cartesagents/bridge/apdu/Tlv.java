package fr.cartesagents.bridge.apdu;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/** The few BER-TLV encodings the card's data objects need (one- and two-byte tags, definite lengths). */
public final class Tlv {

    private Tlv() {
    }

    public static byte[] encode(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (tag > 0xFF) {
            out.write(tag >>> 8);
        }
        out.write(tag & 0xFF);
        out.writeBytes(length(value.length));
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** A definite BER length: one byte below 128, else 81 or 82 then the length. */
    public static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length <= 0xFF) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        return new byte[] {(byte) 0x82, (byte) (length >>> 8), (byte) length};
    }

    public static byte[] concatenate(byte[]... encodings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] encoding : encodings) {
            out.writeBytes(encoding);
        }
        return out.toByteArray();
    }

    /** The value of the first data object with {@code tag} at the top level of {@code data}. */
    public static Optional<byte[]> find(byte[] data, int tag) {
        int offset = 0;
        while (offset < data.length) {
            int readTag = data[offset++] & 0xFF;
            if ((readTag & 0x1F) == 0x1F) {
                if (offset >= data.length) {
                    return Optional.empty();
                }
                readTag = (readTag << 8) | (data[offset++] & 0xFF);
            }
            if (offset >= data.length) {
                return Optional.empty();
            }
            int length = data[offset++] & 0xFF;
            if (length == 0x81 || length == 0x82) {
                int lengthBytes = length & 0x7F;
                if (offset + lengthBytes > data.length) {
                    return Optional.empty();
                }
                length = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    length = (length << 8) | (data[offset++] & 0xFF);
                }
            } else if (length > 0x80) {
                return Optional.empty();
            }
            if (offset + length > data.length) {
                return Optional.empty();
            }
            if (readTag == tag) {
                return Optional.of(Arrays.copyOfRange(data, offset, offset + length));
            }
            offset += length;
        }
        return Optional.empty();
    }
}
