package fr.cartesagents.bridge.pkcs11;

import java.util.Optional;

/**
 * One slot of a PKCS#11 module, which is a reader for a card middleware: its position in the slot
 * list (what {@link Pkcs11TokenSelection#bySlotIndex} takes), its description, and the card in it.
 */
public record Pkcs11Reader(int slotIndex, String name, Optional<String> tokenLabel, Optional<String> serialNumber) {

    public boolean cardPresent() {
        return tokenLabel.isPresent();
    }
}
