package fr.cartesagents.ca.ocsp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The value of an id-pkix-ocsp-nonce extension: {@code Nonce ::= OCTET STRING(SIZE(1..32))}
 * (RFC 8954 section 2.1). Immutable: the bytes are copied in and out.
 */
public record OcspNonce(byte[] value) {

    public static final int MIN_LENGTH = 1;
    public static final int MAX_LENGTH = 32;

    public OcspNonce {
        if (value == null || value.length < MIN_LENGTH || value.length > MAX_LENGTH) {
            throw new IllegalArgumentException("An OCSP nonce has 1 to 32 octets (RFC 8954), got "
                    + (value == null ? "none" : value.length));
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OcspNonce nonce && Arrays.equals(value, nonce.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "OcspNonce[" + HexFormat.of().formatHex(value) + "]";
    }
}
