package fr.cartesagents.ra.audit;

import java.time.Instant;

/** An entry of the audit trail as stored: its place in the chain and the hashes that bind it there. */
public record AuditEvent(long id, Instant occurredAt, AuditEntry entry, String previousHash, String hash) {
}
