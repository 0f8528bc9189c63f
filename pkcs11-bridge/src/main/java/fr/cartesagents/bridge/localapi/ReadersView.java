package fr.cartesagents.bridge.localapi;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/readers}: the slots of the PKCS#11 middleware and the PC/SC readers. Either may be
 * unavailable (no middleware installed, no pcscd running) without hiding the other; {@code detail}
 * then says why.
 */
record ReadersView(Pkcs11 pkcs11, Pcsc pcsc) {

    record Pkcs11(boolean available, List<Pkcs11Slot> readers, Optional<String> detail) {
    }

    /** {@code tokenLabel} is what {@code ?token=} takes to pick this card. */
    record Pkcs11Slot(int slotIndex, String name, boolean cardPresent, Optional<String> tokenLabel,
                      Optional<String> serialNumber) {
    }

    record Pcsc(boolean available, List<PcscReader> readers, Optional<String> detail) {
    }

    /** {@code name} is what {@code ?reader=} takes to pick this card. */
    record PcscReader(String name, boolean cardPresent, Optional<String> atr) {
    }
}
