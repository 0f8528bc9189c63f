package fr.cartesagents.ra.pki;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every CRL fresh: a new one before the current one's nextUpdate (RGS: at least every 24 h).
 * Safe with several instances: publications of one CA are serialised by a database lock, and
 * should two instances both find a CRL due, the second publication is merely a newer number with
 * the same content.
 */
@Component
class CrlSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(CrlSchedule.class);

    private final CrlPublisher crls;
    private final PkiProperties properties;

    CrlSchedule(CrlPublisher crls, PkiProperties properties) {
        this.crls = crls;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${cartes.pki.crl.check-interval:PT1M}", initialDelayString = "${cartes.pki.crl.check-interval:PT1M}")
    void renewDueCrls() {
        for (String caId : crls.caIds()) {
            try {
                if (Boolean.TRUE.equals(crls.publishIfDue(caId, properties.crl().renewBefore()).block(Duration.ofMinutes(5)))) {
                    LOG.info("Renewed the CRLs of {}", caId);
                }
            } catch (RuntimeException e) {
                LOG.error("Could not renew the CRLs of {}", caId, e);
            }
        }
    }
}
