package fr.cartesagents.ra.demo;

import fr.cartesagents.ra.audit.AuditAction;

/** What the demo seeding records in the audit trail. */
enum DemoEvent implements AuditAction {
    /** The demo users were given roles they did not hold ({@code demo.seeded}). */
    SEEDED;

    @Override
    public String subject() {
        return "demo";
    }
}
