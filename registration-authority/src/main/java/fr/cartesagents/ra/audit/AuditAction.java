package fr.cartesagents.ra.audit;

import java.util.Locale;

/**
 * What an audit event records ({@code convention.annex-replaced}). Each feature lists its actions in
 * one enum implementing this interface, so that no action is a string literal in a service and the
 * audit trail's vocabulary can be read in one place per feature. The stored name is the enum's
 * {@link #subject()} (its {@link AuditSubject} annotation), a dot, and the constant's name in kebab
 * case ({@code ANNEX_REPLACED} → {@code annex-replaced}):
 * <pre>{@code
 * @AuditSubject("registration-office")
 * enum OfficeEvent implements AuditAction {
 *     CREATED, UPDATED
 * }
 * }</pre>
 */
public interface AuditAction {

    /** Implemented by the enum itself. */
    String name();

    /**
     * What the events are about, the first half of the stored name ({@code convention}): the enum's
     * {@link AuditSubject}.
     */
    default String subject() {
        Class<?> type = this instanceof Enum<?> constant ? constant.getDeclaringClass() : getClass();
        AuditSubject subject = type.getAnnotation(AuditSubject.class);
        if (subject == null) {
            throw new IllegalStateException(type.getName() + " declares no @AuditSubject");
        }
        return subject.value();
    }

    /** The stored action, {@code <subject>.<what happened>}. */
    default String auditName() {
        return subject() + "." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
