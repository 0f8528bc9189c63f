package fr.cartesagents.ra.habilitation;

import static fr.cartesagents.ra.habilitation.RelyingApplicationStatus.DISABLED;
import static fr.cartesagents.ra.habilitation.RelyingApplicationStatus.ENABLED;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.lifecycle.LifecycleSpec;

/** A relying application is disabled and enabled again by a national administrator, as often as needed. */
class RelyingApplicationLifecycleTest {

    @Test
    void theTableIsTheRelyingApplicationsLifecycle() {
        LifecycleSpec.of(RelyingApplicationStatus.LIFECYCLE, RelyingApplicationStatus.class, RelyingApplicationStatus.Action.class)
                .row(RelyingApplicationStatus.Action.DISABLE, DISABLED, ENABLED)
                .row(RelyingApplicationStatus.Action.ENABLE, ENABLED, DISABLED)
                .verify();
    }

    @Test
    void auditActionsKeepTheirStoredNames() {
        assertThat(Arrays.stream(RelyingApplicationEvent.values()).map(RelyingApplicationEvent::auditName)).containsExactly(
                "relying-application.registered", "relying-application.enabled", "relying-application.disabled");
    }
}
