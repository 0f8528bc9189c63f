package fr.cartesagents.ca.issuance.lint;

import java.math.BigInteger;
import java.util.List;

/** Positive, at most 20 octets, and at least 64 bits long (so that at least 64 of them can be random). */
final class SerialNumberRule implements LintRule {

    static final int MAX_OCTETS = 20;
    static final int MIN_BITS = 64;

    @Override
    public String name() {
        return "serial-number";
    }

    @Override
    public String citation() {
        return "RFC 5280 section 4.1.2.2; CA/Browser Forum BR 7.1 (64 bits of CSPRNG output)";
    }

    @Override
    public List<LintFinding> check(LintTarget target) {
        BigInteger serial = target.certificate().getSerialNumber();
        if (serial.signum() <= 0) {
            return finding("serial number must be positive");
        }
        if (serial.toByteArray().length > MAX_OCTETS) {
            return finding("serial number is longer than " + MAX_OCTETS + " octets");
        }
        if (serial.bitLength() < MIN_BITS) {
            return finding("serial number has " + serial.bitLength() + " bits, fewer than " + MIN_BITS);
        }
        return List.of();
    }
}
