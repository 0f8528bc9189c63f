package fr.cartesagents.ra.unblock;

import java.util.UUID;

/**
 * What the bridge needs to unblock that card: its PUK, or the response to its challenge. Sent once,
 * over TLS, never stored (this route keeps no idempotent copy of its answer) and never logged.
 */
public record UnblockSecretView(UUID cardId, String cardSerial, String puk, String unblockResponse) {

    @Override
    public String toString() {
        return "UnblockSecretView[" + cardSerial + ", secret hidden]";
    }
}
