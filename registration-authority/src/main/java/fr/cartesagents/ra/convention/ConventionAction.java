package fr.cartesagents.ra.convention;

import java.util.Locale;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;
import fr.cartesagents.ra.lifecycle.LifecycleAction;

/**
 * The moves of a convention (where each starts from and leads to: {@link ConventionLifecycle#TABLE}).
 * {@link #TERMINATE} is the end of the notice, taken by the termination job, never by a caller. A move
 * asked by a caller is audited as {@code convention.<action>}.
 */
@AuditSubject("convention")
public enum ConventionAction implements LifecycleAction, AuditAction {
    SIGN,
    ACTIVATE,
    SUSPEND,
    REACTIVATE,
    /** Article IX: either party may terminate at any time, with 3 months' notice. */
    REQUEST_TERMINATION,
    TERMINATE;

    /** {@code convention.request_termination}: the action as the API spells it. */
    @Override
    public String auditName() {
        return "convention." + apiName();
    }

    public static ConventionAction fromApiName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
