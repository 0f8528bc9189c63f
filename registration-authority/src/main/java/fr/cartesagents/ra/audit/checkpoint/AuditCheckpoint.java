package fr.cartesagents.ra.audit.checkpoint;

import java.time.Instant;

/**
 * A signed checkpoint as stored: the statement and its CMS SignedData, and where the sealed event
 * stands in the chain ({@code lastChainPosition}: not signed, a locator for the verification; null
 * only when the event was already gone when the positions were introduced).
 */
public record AuditCheckpoint(long id, long lastEventId, String lastEventHash, Instant signedAt, byte[] signature,
                              Long lastChainPosition) {

    public CheckpointStatement statement() {
        return new CheckpointStatement(lastEventId, lastEventHash, signedAt);
    }
}
