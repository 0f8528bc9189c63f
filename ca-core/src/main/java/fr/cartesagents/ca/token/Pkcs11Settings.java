package fr.cartesagents.ca.token;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where to find a PKCS#11 token: the module (shared library) that drives the HSM, the label of the
 * token inside it, and the user PIN that unlocks its keys.
 *
 * <p>The PIN is copied on the way in and out, and {@link #toString()} never shows it.
 */
public record Pkcs11Settings(Path modulePath, String tokenLabel, char[] userPin) {

    public Pkcs11Settings {
        Objects.requireNonNull(modulePath, "modulePath");
        Objects.requireNonNull(tokenLabel, "tokenLabel");
        Objects.requireNonNull(userPin, "userPin");
        if (tokenLabel.isBlank() || tokenLabel.length() > 32) {
            throw new IllegalArgumentException("A PKCS#11 token label has 1 to 32 characters: '" + tokenLabel + "'");
        }
        userPin = userPin.clone();
    }

    /** A copy of the user PIN: the caller may wipe it after use. */
    @Override
    public char[] userPin() {
        return userPin.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pkcs11Settings that
                && modulePath.equals(that.modulePath)
                && tokenLabel.equals(that.tokenLabel)
                && Arrays.equals(userPin, that.userPin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modulePath, tokenLabel);
    }

    @Override
    public String toString() {
        return "Pkcs11Settings[modulePath=" + modulePath + ", tokenLabel=" + tokenLabel + ", userPin=(hidden)]";
    }
}
