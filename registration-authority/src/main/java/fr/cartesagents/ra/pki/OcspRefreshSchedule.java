package fr.cartesagents.ra.pki;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Re-signs the pre-produced OCSP responses before they reach their refresh margin, so that signing
 * stays off the request path. Each instance keeps its own responses, so every instance runs this
 * (no cluster lock). Runs every refresh margin / 2, as {@code PreProducedOcspResponses} requires.
 */
@Component
class OcspRefreshSchedule implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(OcspRefreshSchedule.class);

    private final OcspService ocsp;
    private final PkiProperties properties;

    OcspRefreshSchedule(OcspService ocsp, PkiProperties properties) {
        this.ocsp = ocsp;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::refreshExpiring, properties.ocspResponses().refreshMargin().dividedBy(2));
    }

    void refreshExpiring() {
        try {
            int refreshed = ocsp.refreshExpiring();
            if (refreshed > 0) {
                LOG.debug("Re-signed {} pre-produced OCSP responses", refreshed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not refresh the pre-produced OCSP responses: {}", e.getMessage());
        }
    }
}
