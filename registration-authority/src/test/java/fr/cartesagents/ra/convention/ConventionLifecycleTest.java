package fr.cartesagents.ra.convention;

import static fr.cartesagents.ra.convention.ConventionAction.ACTIVATE;
import static fr.cartesagents.ra.convention.ConventionAction.REACTIVATE;
import static fr.cartesagents.ra.convention.ConventionAction.REQUEST_TERMINATION;
import static fr.cartesagents.ra.convention.ConventionAction.SIGN;
import static fr.cartesagents.ra.convention.ConventionAction.SUSPEND;
import static fr.cartesagents.ra.convention.ConventionAction.TERMINATE;
import static fr.cartesagents.ra.convention.ConventionState.ACTIVE;
import static fr.cartesagents.ra.convention.ConventionState.DRAFT;
import static fr.cartesagents.ra.convention.ConventionState.SIGNED;
import static fr.cartesagents.ra.convention.ConventionState.SUSPENDED;
import static fr.cartesagents.ra.convention.ConventionState.TERMINATED;
import static fr.cartesagents.ra.convention.ConventionState.TERMINATION_REQUESTED;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.lifecycle.LifecycleSpec;

/** The convention's lifecycle as the CARTES and COMEDEC conventions describe it (article IX: notice from any live state). */
class ConventionLifecycleTest {

    @Test
    void theTableIsTheConventionsLifecycle() {
        LifecycleSpec.of(ConventionLifecycle.TABLE, ConventionState.class, ConventionAction.class)
                .row(SIGN, SIGNED, DRAFT)
                .row(ACTIVATE, ACTIVE, SIGNED)
                .row(SUSPEND, SUSPENDED, ACTIVE)
                .row(REACTIVATE, ACTIVE, SUSPENDED)
                .row(REQUEST_TERMINATION, TERMINATION_REQUESTED, SIGNED, ACTIVE, SUSPENDED)
                .row(TERMINATE, TERMINATED, TERMINATION_REQUESTED)
                .verify(TERMINATED);
    }

    @Test
    void movesAndCascadesKeepTheirStoredAuditNames() {
        org.assertj.core.api.Assertions.assertThat(java.util.Arrays.stream(ConventionAction.values()).map(ConventionAction::auditName))
                .containsExactly("convention.sign", "convention.activate", "convention.suspend", "convention.reactivate",
                        "convention.request_termination", "convention.terminate");
        org.assertj.core.api.Assertions.assertThat(java.util.Arrays.stream(ConventionEvent.values()).map(ConventionEvent::auditName))
                .containsExactly("convention.created", "convention.annex-replaced", "convention.terminated", "convention.suspended",
                        "convention.reactivated");
    }
}
