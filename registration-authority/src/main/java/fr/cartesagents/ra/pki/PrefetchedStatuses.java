package fr.cartesagents.ra.pki;

import fr.cartesagents.ra.certificate.CaIds;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ca.status.CertificateStatusSource;
import fr.cartesagents.ra.certificate.CertificateRecord;
import fr.cartesagents.ca.status.StatusUnavailableException;
import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.database.DatabaseAvailability;
import fr.cartesagents.ra.database.DatabaseFailures;

/**
 * The responder asks for statuses synchronously, while the database answers reactively: the
 * statuses of a request's serials are fetched first, then handed to the responder for the duration
 * of one (blocking-thread) call. Outside such a call (pre-produced responses made on a cache miss or
 * refreshed by the scheduler) the status is read from the database, blocking: callers run on the
 * bounded-elastic scheduler or a scheduling thread, never on an event loop.
 */
final class PrefetchedStatuses implements CertificateStatusSource {

    /** An OCSP client waits a few seconds at most: past this, answering tryLater is more useful than waiting. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    private final ThreadLocal<Map<BigInteger, CertificateStatus>> current = new ThreadLocal<>();
    private final CertificateRecords certificates;
    private final DatabaseAvailability availability;

    PrefetchedStatuses(CertificateRecords certificates, DatabaseAvailability availability) {
        this.certificates = certificates;
        this.availability = availability;
    }

    <T> T with(Map<BigInteger, CertificateStatus> statuses, Supplier<T> call) {
        current.set(statuses);
        try {
            return call.get();
        } finally {
            current.remove();
        }
    }

    @Override
    public CertificateStatus statusOf(BigInteger serialNumber) {
        Map<BigInteger, CertificateStatus> statuses = current.get();
        if (statuses != null) {
            return statuses.getOrDefault(serialNumber, CertificateStatus.unknown());
        }
        if (!availability.isUp()) {
            throw new StatusUnavailableException("the database is unreachable");
        }
        try {
            return certificates.findAll(CaIds.ISSUING, List.of(serialNumber))
                    .next()
                    .map(CertificateRecord::ocspStatus)
                    .defaultIfEmpty(CertificateStatus.unknown())
                    .block(READ_TIMEOUT);
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                throw new StatusUnavailableException("the database did not answer: " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
