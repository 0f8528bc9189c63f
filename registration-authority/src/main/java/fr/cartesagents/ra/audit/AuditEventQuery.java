package fr.cartesagents.ra.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import fr.cartesagents.ra.security.CollectivityScope;

/** The filters of {@code GET /api/v1/audit/events}, already narrowed to what the caller may read. */
public record AuditEventQuery(CollectivityScope scope, Optional<UUID> collectivity, Optional<String> target, Optional<String> action,
                       Optional<Instant> from, Optional<Instant> to, int page, int size) {
}
