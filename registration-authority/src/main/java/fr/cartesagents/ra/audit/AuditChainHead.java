package fr.cartesagents.ra.audit;

import java.util.Optional;

/**
 * The end of the chained part of the audit trail: the last chained event's position, its id (empty
 * before the first event) and its hash ({@link AuditHash#GENESIS} before the first event).
 */
public record AuditChainHead(long position, Optional<Long> eventId, String hash) {
}
