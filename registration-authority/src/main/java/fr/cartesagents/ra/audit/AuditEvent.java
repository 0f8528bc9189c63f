package fr.cartesagents.ra.audit;

import java.time.Instant;

/**
 * An entry of the audit trail as stored. Appended without its place in the chain: {@link AuditChainer}
 * gives it a chain position and the hashes that bind it there after its transaction committed, so
 * {@code chainPosition}, {@code previousHash} and {@code hash} are all null until then.
 */
public record AuditEvent(long id, Instant occurredAt, AuditEntry entry, Long chainPosition, String previousHash, String hash) {

    /** An event just appended, not chained yet. */
    static AuditEvent unchained(long id, Instant occurredAt, AuditEntry entry) {
        return new AuditEvent(id, occurredAt, entry, null, null, null);
    }

    public boolean chained() {
        return chainPosition != null;
    }
}
