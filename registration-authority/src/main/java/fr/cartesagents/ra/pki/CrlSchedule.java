package fr.cartesagents.ra.pki;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.database.DatabaseAvailability;

/**
 * Keeps every CRL fresh: a new one before the current one's nextUpdate (RGS: at least every 24 h).
 * Safe with several instances: publications of one CA are serialised by a database lock, and the
 * publisher checks again under that lock whether a CRL is still due, so one instance publishes per
 * period however many find it due at the same moment.
 */
@Component
class CrlSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(CrlSchedule.class);

    private final CrlPublisher crls;
    private final PkiProperties properties;
    private final DatabaseAvailability availability;

    CrlSchedule(CrlPublisher crls, PkiProperties properties, DatabaseAvailability availability) {
        this.crls = crls;
        this.properties = properties;
        this.availability = availability;
    }

    @Scheduled(fixedDelayString = "${cartes.pki.crl.check-interval:PT1M}", initialDelayString = "${cartes.pki.crl.check-interval:PT1M}")
    void renewDueCrls() {
        // While the database is down the current CRLs keep being served from memory.
        for (String caId : crls.caIds()) {
            availability.runScheduled(LOG, "Renewing the CRLs of " + caId, () -> {
                if (Boolean.TRUE.equals(crls.publishIfDue(caId, properties.crl().renewBefore()).block(Duration.ofMinutes(5)))) {
                    LOG.info("Renewed the CRLs of {}", caId);
                }
            });
        }
    }
}
