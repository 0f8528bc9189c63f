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
 * Walks the chained part of the audit trail in chain order (by chain position) and finds the first
 * place where it breaks: an event whose previous hash is not its predecessor's hash, an event whose
 * content no longer gives its hash, a checkpoint whose signature does not hold, a checkpoint whose
 * hash differs from the recomputed chain (history rewritten and re-hashed), or a checkpoint whose
 * event is gone (events deleted) or is not at its place in the chain. Fed one event at a time, so the
 * whole trail never sits in memory; used by the server and by the command line alike. The events not
 * chained yet are not its business: the callers report them beside its result.
 */
public final class AuditChainVerifier {

    private final TreeMap<Long, List<AuditCheckpoint>> pending = new TreeMap<>();
    private final List<X509Certificate> anchors;
    private String expectedPrevious = AuditHash.GENESIS;
    private long events;
    private long checkpoints;
    private Long lastCheckpointEventId;
    private long eventsAtLastCheckpoint;
    private AuditVerification broken;

    /**
     * @param checkpoints every checkpoint on record
     * @param anchors     the issuing CA certificates an audit signer's certificate must chain to
     */
    public AuditChainVerifier(List<AuditCheckpoint> checkpoints, List<X509Certificate> anchors) {
        for (AuditCheckpoint checkpoint : checkpoints) {
            // A checkpoint whose event had no position (gone before positions existed) can only be reported missing at the end.
            long position = checkpoint.lastChainPosition() == null ? Long.MAX_VALUE : checkpoint.lastChainPosition();
            pending.computeIfAbsent(position, id -> new ArrayList<>()).add(checkpoint);
        }
        this.anchors = List.copyOf(anchors);
    }

    /** Checks the next chained event in chain order; false once the trail is broken (the rest need not be read). */
    public boolean accept(AuditEvent event) {
        if (broken != null) {
            return false;
        }
        if (!event.chained()) {
            throw new IllegalArgumentException("event " + event.id() + " is not chained yet: only chained events are verified");
        }
        Map.Entry<Long, List<AuditCheckpoint>> skipped = pending.firstEntry();
        if (skipped != null && skipped.getKey() < event.chainPosition()) {
            return missing(skipped.getValue().get(0));
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
        List<AuditCheckpoint> sealing = pending.remove(event.chainPosition());
        if (sealing != null) {
            for (AuditCheckpoint checkpoint : sealing) {
                if (checkpoint.lastEventId() != event.id()) {
                    return missing(checkpoint);
                }
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
                eventsAtLastCheckpoint = events;
            }
        }
        return true;
    }

    public AuditVerification finish() {
        if (broken == null && !pending.isEmpty()) {
            missing(pending.firstEntry().getValue().get(0));
        }
        return broken != null ? broken
                : new AuditVerification(true, events, checkpoints, lastCheckpointEventId, events - eventsAtLastCheckpoint,
                        null, null, null, null, 0, null, null);
    }

    private boolean missing(AuditCheckpoint checkpoint) {
        return breakAt(checkpoint.lastEventId(), checkpoint.id(), "checkpoint-event-missing", "checkpoint " + checkpoint.id()
                + " seals event " + checkpoint.lastEventId() + ", which is no longer at its place in the trail"
                + (checkpoint.lastChainPosition() == null ? "" : " (chain position " + checkpoint.lastChainPosition() + ")"));
    }

    private boolean breakAt(long eventId, Long checkpointId, String reason, String explanation) {
        broken = new AuditVerification(false, events, checkpoints, lastCheckpointEventId, events - eventsAtLastCheckpoint,
                eventId, checkpointId, reason, explanation, 0, null, null);
        return false;
    }
}
