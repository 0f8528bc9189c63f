package fr.cartesagents.ra.audit;

import java.util.Objects;
import java.util.UUID;

/** What an audit event is about, stored as {@code <kind>:<id>} ({@code convention:3f2a…}). */
public record AuditTarget(String kind, String id) {

    public AuditTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (kind.isEmpty() || kind.contains(":")) {
            throw new IllegalArgumentException("A target kind is a non-empty word without ':': " + kind);
        }
    }

    public static AuditTarget of(String kind, UUID id) {
        return new AuditTarget(kind, id.toString());
    }

    /** The stored form. */
    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
