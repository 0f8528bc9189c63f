package fr.cartesagents.ra.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What happened, before it is chained: who ({@code actor}) did what ({@code action}, e.g.
 * {@code certificate.issued}) to what ({@code target}, e.g. {@code certificate:3f2a...}), with
 * flat string details (kept sorted, so that the chained form is canonical).
 */
public record AuditEntry(String actor, String action, String target, Map<String, String> details) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }
}
