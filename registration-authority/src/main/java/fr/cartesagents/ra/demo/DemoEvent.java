package fr.cartesagents.ra.demo;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;

/** What the demo seeding records in the audit trail. */
@AuditSubject("demo")
enum DemoEvent implements AuditAction {
    /** The demo users were given roles they did not hold ({@code demo.seeded}). */
    SEEDED;
}
