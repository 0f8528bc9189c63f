package fr.cartesagents.ra.unblock;

import fr.cartesagents.ra.audit.AuditAction;

/** Every step of an unblock, attempts included (never the code, the PUK or the response). */
enum UnblockEvent implements AuditAction {
    CODE_REQUESTED,
    CODE_REJECTED,
    SECRET_RELEASED,
    LOCKED_OUT,
    LOCKED_ATTEMPT,
    LOCK_LIFTED;

    @Override
    public String subject() {
        return "unblock";
    }
}
