package fr.cartesagents.ra.compliance;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.lifecycle.LifecycleSpec;

/** A finding is closed once, and stays closed. */
class FindingLifecycleTest {

    @Test
    void aFindingClosesOnce() {
        LifecycleSpec.of(FindingState.LIFECYCLE, FindingState.class, FindingState.Action.class)
                .row(FindingState.Action.CLOSE, FindingState.CLOSED, FindingState.OPEN)
                .verify(FindingState.CLOSED);
    }
}
