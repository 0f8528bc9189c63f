package fr.cartesagents.bridge.pkcs11;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which token of which PKCS#11 module to drive: the one with a given label, the one in the slot at a
 * given index of the module's slot list (a slot is a reader), or — when neither is given — the only
 * token present.
 */
public record Pkcs11TokenSelection(Path modulePath, Optional<String> tokenLabel, OptionalInt slotIndex) {

    public Pkcs11TokenSelection {
        Objects.requireNonNull(modulePath, "modulePath");
        Objects.requireNonNull(tokenLabel, "tokenLabel");
        Objects.requireNonNull(slotIndex, "slotIndex");
        if (tokenLabel.isPresent() && slotIndex.isPresent()) {
            throw new IllegalArgumentException("Select a token by label or by slot index, not both");
        }
        if (slotIndex.isPresent() && slotIndex.getAsInt() < 0) {
            throw new IllegalArgumentException("A slot index is 0 or more");
        }
    }

    public static Pkcs11TokenSelection byLabel(Path modulePath, String tokenLabel) {
        return new Pkcs11TokenSelection(modulePath, Optional.of(tokenLabel), OptionalInt.empty());
    }

    public static Pkcs11TokenSelection bySlotIndex(Path modulePath, int slotIndex) {
        return new Pkcs11TokenSelection(modulePath, Optional.empty(), OptionalInt.of(slotIndex));
    }

    public static Pkcs11TokenSelection onlyToken(Path modulePath) {
        return new Pkcs11TokenSelection(modulePath, Optional.empty(), OptionalInt.empty());
    }

    /** How a person would name this token in a message. */
    String describe() {
        return tokenLabel.map(label -> "the card labelled '" + label + "'")
                .orElseGet(() -> slotIndex.isPresent() ? "the card in slot " + slotIndex.getAsInt() : "the card")
                + " (" + modulePath + ")";
    }
}
