package fr.cartesagents.ra.certificate;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/** Serials as the API and the database spell them: lowercase hexadecimal, no leading zero. */
public final class SerialHex {

    private SerialHex() {
    }

    public static String toHex(BigInteger serial) {
        return serial.toString(16);
    }

    /** Parses a serial given in hexadecimal (any case, optional colons); empty when it is not one. */
    public static Optional<BigInteger> parseHex(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String hex = text.replace(":", "").toLowerCase(Locale.ROOT);
        if (hex.isEmpty() || hex.length() > 42 || !hex.matches("[0-9a-f]+")) {
            return Optional.empty();
        }
        BigInteger serial = new BigInteger(hex, 16);
        return serial.signum() > 0 ? Optional.of(serial) : Optional.empty();
    }
}
