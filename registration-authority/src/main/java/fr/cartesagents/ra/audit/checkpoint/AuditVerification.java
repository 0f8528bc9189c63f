package fr.cartesagents.ra.audit.checkpoint;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.cartesagents.ra.audit.UnchainedEvents;

/**
 * The result of checking the audit trail: intact, or where it first breaks and why.
 *
 * @param intact               whether every event and checkpoint holds
 * @param eventsChecked        events recomputed (up to the break)
 * @param checkpointsChecked   checkpoints whose signature and hash were checked
 * @param lastCheckpointEventId the last event covered by a valid checkpoint
 * @param unsealedEvents       events checked after the last valid checkpoint: their deletion could not be proven,
 *                             so a number that drops between two verifications without a new checkpoint is a warning
 * @param firstBrokenEventId   the first event that does not fit (null when intact)
 * @param brokenCheckpointId   the checkpoint that does not hold, when the break is one
 * @param reason               a stable code: previous-hash-mismatch, hash-mismatch, checkpoint-signature-invalid,
 *                             checkpoint-hash-mismatch, checkpoint-event-missing
 * @param explanation          for people
 * @param unchainedEvents      committed events the chainer had not reached yet, so not verified (normally a fraction of
 *                             a second of activity; the API chains what is committed before it verifies)
 * @param oldestUnchainedAt    when the oldest of them happened (null when there are none)
 * @param oldestUnchainedAgeSeconds how long ago that was, at the verification (null when there are none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean intact, long eventsChecked, long checkpointsChecked, Long lastCheckpointEventId,
                                long unsealedEvents, Long firstBrokenEventId, Long brokenCheckpointId, String reason, String explanation,
                                long unchainedEvents, Instant oldestUnchainedAt, Long oldestUnchainedAgeSeconds) {

    /** The chain's verdict, with the events not chained yet beside it. */
    public AuditVerification withUnchained(UnchainedEvents unchained, Instant now) {
        Instant oldest = unchained.oldestOccurredAt().orElse(null);
        return new AuditVerification(intact, eventsChecked, checkpointsChecked, lastCheckpointEventId, unsealedEvents,
                firstBrokenEventId, brokenCheckpointId, reason, explanation, unchained.count(), oldest,
                oldest == null ? null : Math.max(0, Duration.between(oldest, now).toSeconds()));
    }

    /** One line for the command line and the logs. */
    public String summary() {
        if (intact) {
            return "INTACT: " + eventsChecked + " events and " + checkpointsChecked + " signed checkpoints verified"
                    + (lastCheckpointEventId == null ? "" : " (last checkpoint at event " + lastCheckpointEventId + ")")
                    + "; " + unsealedEvents + " events not yet sealed by a checkpoint" + unchainedSummary();
        }
        return "BROKEN at event " + firstBrokenEventId + (brokenCheckpointId == null ? "" : " (checkpoint " + brokenCheckpointId + ")")
                + ": " + reason + " - " + explanation + unchainedSummary();
    }

    private String unchainedSummary() {
        return unchainedEvents == 0 ? "" : "; " + unchainedEvents + " events not chained yet (not verified), the oldest "
                + oldestUnchainedAgeSeconds + " s old";
    }
}
