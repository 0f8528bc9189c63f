package fr.cartesagents.ra.habilitation;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.lifecycle.LifecycleSpec;

/** A habilitation is withdrawn once and never comes back (a new grant is a new habilitation). */
class HabilitationLifecycleTest {

    @Test
    void aHabilitationIsWithdrawnOnce() {
        LifecycleSpec.of(HabilitationStatus.LIFECYCLE, HabilitationStatus.class, HabilitationStatus.Action.class)
                .row(HabilitationStatus.Action.WITHDRAW, HabilitationStatus.WITHDRAWN, HabilitationStatus.ACTIVE)
                .verify(HabilitationStatus.WITHDRAWN);
    }
}
