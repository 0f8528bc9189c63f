package fr.cartesagents.ra.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An audit event as the API shows it, with its place in the chain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEventView(long id, Instant occurredAt, String actor, String action, String target, Map<String, String> details,
                      String collectivity, String remoteAddress, String previousHash, String hash) {

    public static AuditEventView of(AuditEvent event) {
        AuditEntry entry = event.entry();
        return new AuditEventView(event.id(), event.occurredAt(), entry.actor(), entry.action(), entry.target(), entry.details(),
                entry.collectivity().map(Object::toString).orElse(null), entry.remoteAddress().orElse(null),
                event.previousHash(), event.hash());
    }

    /** One page of events, newest first. */
    public record Page(List<AuditEventView> items, int page, int size, long total) {
    }
}
