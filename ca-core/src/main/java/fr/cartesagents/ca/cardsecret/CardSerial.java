package fr.cartesagents.ca.cardsecret;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The serial number of a card as the card reports it (IAS-ECC cards answer it as bytes that tools
 * print in hexadecimal). Kept upper case so that "0a1b" and "0A1B" derive the same secrets.
 */
public record CardSerial(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[0-9A-Z._-]{1,64}");

    public CardSerial {
        Objects.requireNonNull(value, "value");
        value = value.strip().toUpperCase(Locale.ROOT);
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("A card serial has 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
