package fr.cartesagents.ra.audit;

/**
 * What an audit event records ({@code convention.created}). Each feature lists its actions in one
 * enum implementing this interface, so that no action is a string literal in a service and the
 * audit trail's vocabulary can be read in one place per feature.
 */
public interface AuditAction {

    /** The stored action, {@code <feature>.<what happened>}. */
    String auditName();
}
