package fr.cartesagents.ra.pki;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cartesagents.ca.status.RevokedCertificate;
import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.database.DatabaseAvailability;
import fr.cartesagents.ra.database.DatabaseFailures;

/**
 * Other instances sharing the database revoke too: every poll interval (0.5 s by default), drop the
 * pre-produced OCSP responses of certificates revoked since the last successful look, with a margin
 * for clock skew between instances and for commits that take a while. The mark moves only once the
 * query has succeeded, so a database outage longer than the margin loses no revocation. A serial is
 * dropped on the first {@value #DROPS_PER_REVOCATION} looks that see it (a response signed from the
 * old status just before the commit is dropped by the next look), not on every look of the margin.
 */
@Component
class RevocationWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationWatcher.class);
    private static final Duration MARGIN = Duration.ofMinutes(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int DROPS_PER_REVOCATION = 2;

    private final CertificateRecords certificates;
    private final OcspService ocsp;
    private final DatabaseAvailability availability;
    private final Clock clock;
    /** When the last successful look started: revocations committed since then are not seen yet. */
    private volatile Instant lastLook;
    private final Map<BigInteger, Integer> drops = new ConcurrentHashMap<>();

    RevocationWatcher(CertificateRecords certificates, OcspService ocsp, DatabaseAvailability availability, Clock clock) {
        this.certificates = certificates;
        this.ocsp = ocsp;
        this.availability = availability;
        this.clock = clock;
        this.lastLook = clock.instant();
    }

    @Scheduled(fixedDelayString = "${cartes.pki.ocsp-responses.revocation-poll-interval:PT0.5S}")
    void dropResponsesOfRecentRevocations() {
        if (!availability.isUp()) {
            return;
        }
        Instant started = clock.instant();
        Instant since = lastLook.minus(MARGIN);
        List<RevokedCertificate> revoked;
        try {
            revoked = certificates.revokedAfter(since).collectList().block(READ_TIMEOUT);
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                LOG.warn("Could not look for recent revocations: {}", e.toString());
            }
            return;
        }
        for (RevokedCertificate certificate : revoked) {
            if (drops.merge(certificate.serialNumber(), 1, Integer::sum) <= DROPS_PER_REVOCATION) {
                ocsp.invalidate(certificate.serialNumber());
            }
        }
        drops.keySet().retainAll(revoked.stream().map(RevokedCertificate::serialNumber).collect(java.util.stream.Collectors.toSet()));
        lastLook = started;
    }
}
