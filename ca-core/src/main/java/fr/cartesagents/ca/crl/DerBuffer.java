package fr.cartesagents.ca.crl;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that DER-encoded pieces are appended to. A CRL of a million entries is
 * encoded here once and then streamed to the signer and copied into the final CertificateList,
 * without ever materialising a million ASN.1 objects.
 */
final class DerBuffer {

    private static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 16;

    private byte[] bytes;
    private int size;

    DerBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    void write(int b) {
        ensureCapacity(1);
        bytes[size++] = (byte) b;
    }

    void write(byte[] source) {
        write(source, 0, source.length);
    }

    void write(byte[] source, int offset, int length) {
        ensureCapacity(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** Appends a tag and a DER definite length. */
    void writeHeader(int tag, int contentLength) {
        write(tag);
        writeLength(contentLength);
    }

    void writeLength(int length) {
        ensureCapacity(5);
        size = putLength(bytes, size, length);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    void writeTo(DerBuffer other) {
        other.write(bytes, 0, size);
    }

    /** The content, without a copy when the buffer was sized exactly (the final CertificateList is). */
    byte[] toByteArrayExact() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    /** Number of bytes the DER length field of {@code length} takes. */
    static int lengthOfLength(int length) {
        if (length < 0x80) {
            return 1;
        }
        if (length <= 0xFF) {
            return 2;
        }
        if (length <= 0xFFFF) {
            return 3;
        }
        if (length <= 0xFFFFFF) {
            return 4;
        }
        return 5;
    }

    /** Size of a complete TLV whose content is {@code contentLength} bytes (single-byte tag). */
    static int tlvSize(int contentLength) {
        return 1 + lengthOfLength(contentLength) + contentLength;
    }

    /** Writes the DER length of {@code length} at {@code offset}; returns the offset after it. */
    static int putLength(byte[] target, int offset, int length) {
        int lengthBytes = lengthOfLength(length) - 1;
        if (lengthBytes == 0) {
            target[offset++] = (byte) length;
            return offset;
        }
        target[offset++] = (byte) (0x80 | lengthBytes);
        for (int shift = (lengthBytes - 1) * 8; shift >= 0; shift -= 8) {
            target[offset++] = (byte) (length >>> shift);
        }
        return offset;
    }

    private void ensureCapacity(int extra) {
        long needed = (long) size + extra;
        if (needed <= bytes.length) {
            return;
        }
        if (needed > MAX_ARRAY_SIZE) {
            throw new IllegalStateException("CRL larger than " + MAX_ARRAY_SIZE + " bytes");
        }
        long grown = Math.max(needed, Math.min(MAX_ARRAY_SIZE, (long) bytes.length * 2));
        bytes = Arrays.copyOf(bytes, (int) grown);
    }
}
