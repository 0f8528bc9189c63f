package fr.cartesagents.benchmarks.bridge;

import java.time.Duration;

import fr.cartesagents.bridge.simulator.SimulatedCard;
import fr.cartesagents.bridge.simulator.VpcdLink;

/** How the simulated card is put into vpcd's reader. */
public enum CardSideLink {
    /** The bridge's own {@link VpcdLink}, as the tests and {@code cartes-bridge simulator} use it. */
    VPCD_LINK,
    /** {@link QuickAckVpcdLink}: the same protocol without the ~50 ms TCP delayed-ACK wait per APDU. */
    QUICK_ACK;

    AutoCloseable insert(SimulatedCard card, int port, Duration patience) {
        return switch (this) {
            case VPCD_LINK -> VpcdLink.connect(card, VpcdLink.DEFAULT_HOST, port, patience);
            case QUICK_ACK -> QuickAckVpcdLink.connect(card, port);
        };
    }
}
