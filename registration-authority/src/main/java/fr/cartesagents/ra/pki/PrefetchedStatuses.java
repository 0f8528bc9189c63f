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
import fr.cartesagents.ra.certificate.CertificateRecords;

/**
 * The responder asks for statuses synchronously, while the database answers reactively: the
 * statuses of a request's serials are fetched first, then handed to the responder for the duration
 * of one (blocking-thread) call. Outside such a call (pre-produced responses made on a cache miss or
 * refreshed by the scheduler) the status is read from the database, blocking: callers run on the
 * bounded-elastic scheduler or a scheduling thread, never on an event loop.
 */
final class PrefetchedStatuses implements CertificateStatusSource {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ThreadLocal<Map<BigInteger, CertificateStatus>> current = new ThreadLocal<>();
    private final CertificateRecords certificates;

    PrefetchedStatuses(CertificateRecords certificates) {
        this.certificates = certificates;
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
        return certificates.findAll(CaIds.ISSUING, List.of(serialNumber))
                .next()
                .map(CertificateRecord::ocspStatus)
                .defaultIfEmpty(CertificateStatus.unknown())
                .block(READ_TIMEOUT);
    }
}
