package fr.cartesagents.ra.compliance;

import java.util.UUID;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditTarget;

/** An open major finding withholds the collectivity's trust roles; closing the last one restores them. */
enum TrustEvent implements AuditAction {
    TRUST_SUSPENDED, TRUST_RESTORED;

    @Override
    public String subject() {
        return "collectivity";
    }

    static AuditTarget target(UUID collectivity) {
        return AuditTarget.of("collectivity", collectivity);
    }
}
