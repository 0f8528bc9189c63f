package fr.cartesagents.ra.unblock;

import java.time.Instant;
import java.util.UUID;

/** The answer to an unblock request: the code went to the holder's registered address, valid until {@code expiresAt}. */
public record UnblockCodeView(UUID cardId, String status, Instant expiresAt) {
}
