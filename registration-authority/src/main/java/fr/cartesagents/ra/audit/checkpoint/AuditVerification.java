package fr.cartesagents.ra.audit.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of checking the audit trail: intact, or where it first breaks and why.
 *
 * @param intact               whether every event and checkpoint holds
 * @param eventsChecked        events recomputed (up to the break)
 * @param checkpointsChecked   checkpoints whose signature and hash were checked
 * @param lastCheckpointEventId the last event covered by a valid checkpoint
 * @param firstBrokenEventId   the first event that does not fit (null when intact)
 * @param brokenCheckpointId   the checkpoint that does not hold, when the break is one
 * @param reason               a stable code: previous-hash-mismatch, hash-mismatch, checkpoint-signature-invalid,
 *                             checkpoint-hash-mismatch, checkpoint-event-missing
 * @param explanation          for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean intact, long eventsChecked, long checkpointsChecked, Long lastCheckpointEventId,
                                Long firstBrokenEventId, Long brokenCheckpointId, String reason, String explanation) {

    /** One line for the command line and the logs. */
    public String summary() {
        if (intact) {
            return "INTACT: " + eventsChecked + " events and " + checkpointsChecked + " signed checkpoints verified"
                    + (lastCheckpointEventId == null ? "" : " (last checkpoint at event " + lastCheckpointEventId + ")");
        }
        return "BROKEN at event " + firstBrokenEventId + (brokenCheckpointId == null ? "" : " (checkpoint " + brokenCheckpointId + ")")
                + ": " + reason + " - " + explanation;
    }
}
