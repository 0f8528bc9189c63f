package fr.cartesagents.ra.audit.checkpoint;

import java.time.Instant;

/** A signed checkpoint as stored: the statement and its CMS SignedData. */
public record AuditCheckpoint(long id, long lastEventId, String lastEventHash, Instant signedAt, byte[] signature) {

    public CheckpointStatement statement() {
        return new CheckpointStatement(lastEventId, lastEventHash, signedAt);
    }
}
