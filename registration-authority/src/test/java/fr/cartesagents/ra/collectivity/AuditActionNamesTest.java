package fr.cartesagents.ra.collectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.audit.AuditAction;

/** The stored audit actions keep the names the audit trail has always had (readers search them). */
class AuditActionNamesTest {

    @Test
    void collectivityAndOfficeActionsKeepTheirStoredNames() {
        assertThat(Arrays.stream(CollectivityEvent.values()).map(AuditAction::auditName)).containsExactly(
                "collectivity.created", "collectivity.updated", "collectivity.office-assigned", "collectivity.members-replaced",
                "collectivity.card-management-changed", "collectivity.trust-suspended", "collectivity.trust-restored");
        assertThat(Arrays.stream(OfficeEvent.values()).map(AuditAction::auditName)).containsExactly(
                "registration-office.created", "registration-office.updated");
        assertThat(CollectivityEvent.target(java.util.UUID.fromString("00000000-0000-0000-0000-000000000001")))
                .hasToString("collectivity:00000000-0000-0000-0000-000000000001");
    }
}
