package fr.cartesagents.ra.audit.checkpoint;

import fr.cartesagents.ra.audit.AuditEvent;
import fr.cartesagents.ra.audit.AuditHash;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Walks the audit trail in chain order and finds the first place where it breaks: an event whose
 * previous hash is not its predecessor's hash, an event whose content no longer gives its hash, a
 * checkpoint whose signature does not hold, a checkpoint whose hash differs from the recomputed
 * chain (history rewritten and re-hashed), or a checkpoint whose event is gone (events deleted).
 * Fed one event at a time, so the whole trail never sits in memory; used by the server and by the
 * command line alike.
 */
public final class AuditChainVerifier {

    private final TreeMap<Long, List<AuditCheckpoint>> pending = new TreeMap<>();
    private final List<X509Certificate> anchors;
    private String expectedPrevious = AuditHash.GENESIS;
    private long events;
    private long checkpoints;
    private Long lastCheckpointEventId;
    private AuditVerification broken;

    /**
     * @param checkpoints every checkpoint on record
     * @param anchors     the issuing CA certificates an audit signer's certificate must chain to
     */
    public AuditChainVerifier(List<AuditCheckpoint> checkpoints, List<X509Certificate> anchors) {
        for (AuditCheckpoint checkpoint : checkpoints) {
            pending.computeIfAbsent(checkpoint.lastEventId(), id -> new ArrayList<>()).add(checkpoint);
        }
        this.anchors = List.copyOf(anchors);
    }

    /** Checks the next event in chain order; false once the trail is broken (the rest need not be read). */
    public boolean accept(AuditEvent event) {
        if (broken != null) {
            return false;
        }
        Map.Entry<Long, List<AuditCheckpoint>> skipped = pending.firstEntry();
        if (skipped != null && skipped.getKey() < event.id()) {
            return breakAt(skipped.getKey(), skipped.getValue().get(0).id(), "checkpoint-event-missing",
                    "checkpoint " + skipped.getValue().get(0).id() + " seals event " + skipped.getKey() + ", which is no longer in the trail");
        }
        if (!event.previousHash().equals(expectedPrevious)) {
            return breakAt(event.id(), null, "previous-hash-mismatch",
                    "event " + event.id() + " does not follow the event before it (an event was removed or reordered)");
        }
        String recomputed = AuditHash.chain(event.previousHash(), event.occurredAt(), event.entry());
        if (!recomputed.equals(event.hash())) {
            return breakAt(event.id(), null, "hash-mismatch", "the content of event " + event.id() + " no longer gives its recorded hash");
        }
        events++;
        expectedPrevious = recomputed;
        List<AuditCheckpoint> sealing = pending.remove(event.id());
        if (sealing != null) {
            for (AuditCheckpoint checkpoint : sealing) {
                Optional<String> signatureProblem = CheckpointSignatures.problemWith(checkpoint, anchors);
                if (signatureProblem.isPresent()) {
                    return breakAt(event.id(), checkpoint.id(), "checkpoint-signature-invalid",
                            "checkpoint " + checkpoint.id() + ": " + signatureProblem.get());
                }
                if (!checkpoint.lastEventHash().equals(recomputed)) {
                    return breakAt(event.id(), checkpoint.id(), "checkpoint-hash-mismatch", "checkpoint " + checkpoint.id()
                            + " signed another hash for event " + event.id() + ": the trail up to it was rewritten");
                }
                checkpoints++;
                lastCheckpointEventId = event.id();
            }
        }
        return true;
    }

    public AuditVerification finish() {
        if (broken == null && !pending.isEmpty()) {
            Map.Entry<Long, List<AuditCheckpoint>> missing = pending.firstEntry();
            breakAt(missing.getKey(), missing.getValue().get(0).id(), "checkpoint-event-missing", "checkpoint "
                    + missing.getValue().get(0).id() + " seals event " + missing.getKey() + ", which is no longer in the trail");
        }
        return broken != null ? broken
                : new AuditVerification(true, events, checkpoints, lastCheckpointEventId, null, null, null, null);
    }

    private boolean breakAt(long eventId, Long checkpointId, String reason, String explanation) {
        broken = new AuditVerification(false, events, checkpoints, lastCheckpointEventId, eventId, checkpointId, reason, explanation);
        return false;
    }
}
