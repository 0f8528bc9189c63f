package fr.cartesagents.bridge.pkcs11;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import fr.cartesagents.bridge.card.Pin;

/** One SoftHSM2 token standing for a card, and what a test can do to it from outside. */
public record TestCard(SoftHsmCards cards, String label, String serialNumber) {

    /** The card through the PIN-counting module, as the bridge drives it. */
    public Pkcs11CardDriver driver() {
        return Pkcs11CardDriver.open(selection());
    }

    public Pkcs11TokenSelection selection() {
        return Pkcs11TokenSelection.byLabel(cards.counterModule(), label);
    }

    public static Pin pin(String digits) {
        return Pin.wrap(digits.toCharArray());
    }

    public static Pin userPin() {
        return pin(SoftHsmCards.USER_PIN);
    }

    public static Pin soPin() {
        return pin(SoftHsmCards.SO_PIN);
    }

    /** Pulls the card out of its reader until {@link #insert()}. */
    public void remove() {
        try {
            Files.writeString(removedMarker(), "removed by a test\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void insert() {
        try {
            Files.deleteIfExists(removedMarker());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path removedMarker() {
        return cards.stateDirectory().resolve(serialNumber + ".removed");
    }
}
