package fr.cartesagents.ra.compliance;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.lifecycle.LifecycleSpec;

/** A finding is closed once, and stays closed. */
class FindingLifecycleTest {

    @Test
    void aFindingClosesOnce() {
        LifecycleSpec.of(FindingState.LIFECYCLE, FindingState.class, FindingState.Action.class)
                .row(FindingState.Action.CLOSE, FindingState.CLOSED, FindingState.OPEN)
                .verify(FindingState.CLOSED);
    }

    @Test
    void complianceActionsKeepTheirStoredNames() {
        org.assertj.core.api.Assertions.assertThat(java.util.Arrays.stream(ComplianceEvent.values()).map(ComplianceEvent::auditName))
                .containsExactly("compliance.questionnaire-answered", "compliance.finding-recorded", "compliance.finding-closed");
        org.assertj.core.api.Assertions.assertThat(java.util.stream.Stream.of(
                        fr.cartesagents.ra.collectivity.CollectivityEvent.TRUST_SUSPENDED,
                        fr.cartesagents.ra.collectivity.CollectivityEvent.TRUST_RESTORED).map(AuditAction::auditName))
                .containsExactly("collectivity.trust-suspended", "collectivity.trust-restored");
    }
}
