package fr.cartesagents.ra.certificate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.database.DatabaseAvailability;
import reactor.core.publisher.Mono;

/**
 * Resolves the serials an issuance reserved ({@code pending}) but never delivered: the process died,
 * or the database failed, between the reservation and the commit of the signed certificate. The CA key
 * may have signed such a serial, and someone may hold the certificate, so OCSP must not answer
 * {@code unknown} for it for ever: after {@code cartes.pki.recovery.grace-period} (default 5 minutes,
 * far longer than any issuance may run: API calls end at {@code cartes.http.api-call-timeout}) it is
 * revoked with reason {@code superseded} (the client's retry, if any, got a new certificate), an audit
 * event {@code certificate.revoked} (actor {@code system}, detail {@code cause=reservation-not-delivered})
 * per serial, and a new CRL (through the {@link RevocationListener}s), all in one transaction. Every instance runs it; the row locks taken with
 * {@code skip locked} give each serial to one instance only.
 */
@Component
public class ReservationRecovery {

    static final String CAUSE = "reservation-not-delivered";
    static final RevocationReason REASON = RevocationReason.SUPERSEDED;
    private static final Logger LOG = LoggerFactory.getLogger(ReservationRecovery.class);
    private static final int BATCH = 500;

    private final CertificateRecords records;
    private final AuditTrail audit;
    private final List<RevocationListener> revocationListeners;
    private final CertificateMetrics metrics;
    private final DatabaseAvailability availability;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final Duration gracePeriod;

    ReservationRecovery(CertificateRecords records, AuditTrail audit, List<RevocationListener> revocationListeners,
                        CertificateMetrics metrics, DatabaseAvailability availability, TransactionalOperator transactions,
                        Clock clock, @Value("${cartes.pki.recovery.grace-period:PT5M}") Duration gracePeriod) {
        this.records = records;
        this.audit = audit;
        this.revocationListeners = List.copyOf(revocationListeners);
        this.metrics = metrics;
        this.availability = availability;
        this.transactions = transactions;
        this.clock = clock;
        if (gracePeriod.isNegative() || gracePeriod.isZero()) {
            throw new IllegalArgumentException("cartes.pki.recovery.grace-period must be positive, not " + gracePeriod);
        }
        this.gracePeriod = gracePeriod;
    }

    @Scheduled(initialDelayString = "${cartes.pki.recovery.interval:PT1M}", fixedDelayString = "${cartes.pki.recovery.interval:PT1M}")
    void recoverOnSchedule() {
        availability.runScheduled(LOG, "Reservation recovery", () -> {
            List<CertificateRecords.AbandonedReservation> revoked = revokeAbandoned().block(Duration.ofMinutes(5));
            if (revoked != null && !revoked.isEmpty()) {
                LOG.warn("Revoked {} serial(s) reserved more than {} ago and never delivered (reason {}): {}", revoked.size(),
                        gracePeriod, REASON.rfcName(), revoked.stream().map(r -> SerialHex.toHex(r.serial())).toList());
            }
        });
    }

    /** One pass (up to {@value #BATCH} serials): what it revoked, once committed. */
    public Mono<List<CertificateRecords.AbandonedReservation>> revokeAbandoned() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // The update's rows are all read before the audit appends run: a statement cannot start on the
        // transaction's connection while another one's rows are still coming.
        return transactions.transactional(records.revokeAbandonedReservations(CaIds.ISSUING, now.minus(gracePeriod), now, REASON, BATCH)
                        .collectList()
                        .flatMapIterable(abandoned -> abandoned)
                        .concatMap(abandoned -> audit.append(new AuditEntry(AuditEntry.SYSTEM, CertificateEvent.REVOKED.auditName(),
                                        CertificateEvent.target(abandoned.serial()).toString(),
                                        Map.of("reason", REASON.rfcName(), "cause", CAUSE,
                                                "reservedAt", abandoned.reservedAt().toString())))
                                .thenReturn(abandoned))
                        .collectList()
                        .flatMap(revoked -> revoked.isEmpty() ? Mono.just(revoked)
                                : reactor.core.publisher.Flux.fromIterable(revocationListeners)
                                        .concatMap(listener -> listener.revokedAll(CaIds.ISSUING,
                                                revoked.stream().map(CertificateRecords.AbandonedReservation::serial).toList()))
                                        .then(Mono.just(revoked))))
                .doOnNext(revoked -> revoked.forEach(abandoned -> {
                    revocationListeners.forEach(listener -> listener.committed(abandoned.serial()));
                    metrics.revoked(CertificateMetrics.BY_RECOVERY);
                }));
    }
}
