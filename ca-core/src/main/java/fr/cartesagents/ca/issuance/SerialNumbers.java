package fr.cartesagents.ca.issuance;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Serial numbers of 20 octets from a CSPRNG with the top bit cleared: positive, at most 20 octets
 * once DER-encoded (RFC 5280 4.1.2.2), 159 random bits (CA/B Forum asks for at least 64).
 */
final class SerialNumbers {

    static final int OCTETS = 20;
    /** Below this many significant bits a draw is redrawn: the lint demands 64 bits, never zero. */
    static final int MIN_BITS = 64;

    private final SecureRandom random;

    SerialNumbers(SecureRandom random) {
        this.random = random;
    }

    BigInteger next() {
        byte[] bytes = new byte[OCTETS];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            bytes[0] &= 0x7F;
            serial = new BigInteger(1, bytes);
        } while (serial.bitLength() < MIN_BITS);
        return serial;
    }
}
