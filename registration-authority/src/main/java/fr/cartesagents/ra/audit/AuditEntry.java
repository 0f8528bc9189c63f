package fr.cartesagents.ra.audit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.TreeMap;

import fr.cartesagents.ra.security.Actor;

/**
 * What happened, before it is chained: who ({@code actor}) did what ({@code action}, e.g.
 * {@code certificate.issued}) to what ({@code target}, e.g. {@code certificate:3f2a...}), with
 * flat string details (kept sorted, so that the chained form is canonical).
 */
public record AuditEntry(String actor, String action, String target, Map<String, String> details,
                         Optional<UUID> collectivity, Optional<String> remoteAddress) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
        Objects.requireNonNull(collectivity, "collectivity");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    /** The actor of what the server does by itself: start-up, seeding, scheduled jobs. */
    public static final String SYSTEM = "system";

    /** An event that concerns no collectivity, from no known address (start-up, jobs). */
    public AuditEntry(String actor, String action, String target, Map<String, String> details) {
        this(actor, action, target, details, Optional.empty(), Optional.empty());
    }

    /** An event of the server itself (a job, the start-up), about {@code collectivity} when it concerns one. */
    public static AuditEntry bySystem(String system, Optional<UUID> collectivity, AuditAction action, AuditTarget target,
                                      Map<String, String> details) {
        return new AuditEntry(system, action.auditName(), target.toString(), details, collectivity, Optional.empty());
    }

    /** What {@code actor} did, acting for {@code collectivity} (when the change concerns one), from the address their request came from. */
    public static AuditEntry by(Actor actor, Optional<UUID> collectivity, AuditAction action, AuditTarget target,
                                Map<String, String> details) {
        return by(actor, collectivity, action.auditName(), target.toString(), details);
    }

    /**
     * What {@code actor} did, acting for {@code collectivity} (when the change concerns one), from
     * the address their request came from.
     */
    public static AuditEntry by(Actor actor, Optional<UUID> collectivity, String action, String target,
                                Map<String, String> details) {
        return new AuditEntry(actor.auditName(), action, target, details, collectivity, actor.remoteAddress());
    }
}
