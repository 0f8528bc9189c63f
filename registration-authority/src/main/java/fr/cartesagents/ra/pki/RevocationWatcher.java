package fr.cartesagents.ra.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cartesagents.ca.status.RevokedCertificate;
import fr.cartesagents.ra.certificate.CertificateRecords;

/**
 * Other instances sharing the database revoke too: every few seconds, drop the pre-produced OCSP
 * responses of certificates revoked since the last look (with a margin for clock skew and commits
 * that take a while).
 */
@Component
class RevocationWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationWatcher.class);
    private static final Duration MARGIN = Duration.ofMinutes(2);

    private final CertificateRecords certificates;
    private final OcspService ocsp;
    private final Clock clock;
    private final AtomicReference<Instant> lastLook;

    RevocationWatcher(CertificateRecords certificates, OcspService ocsp, Clock clock) {
        this.certificates = certificates;
        this.ocsp = ocsp;
        this.clock = clock;
        this.lastLook = new AtomicReference<>(clock.instant());
    }

    @Scheduled(fixedDelayString = "${cartes.pki.ocsp-responses.revocation-poll-interval:PT2S}")
    void dropResponsesOfRecentRevocations() {
        Instant now = clock.instant();
        Instant since = lastLook.getAndSet(now).minus(MARGIN);
        try {
            certificates.revokedAfter(since).map(RevokedCertificate::serialNumber).doOnNext(ocsp::invalidate)
                    .then().block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warn("Could not look for recent revocations: {}", e.getMessage());
        }
    }
}
