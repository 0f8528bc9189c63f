package fr.cartesagents.ra.pki;

import java.math.BigInteger;
import java.util.Map;
import java.util.function.Supplier;

import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ca.status.CertificateStatusSource;

/**
 * The responder asks for statuses synchronously, while the database answers reactively: the
 * statuses of a request's serials are fetched first, then handed to the responder for the duration
 * of one (blocking-thread) call.
 */
final class PrefetchedStatuses implements CertificateStatusSource {

    private final ThreadLocal<Map<BigInteger, CertificateStatus>> current = new ThreadLocal<>();

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
        if (statuses == null) {
            throw new IllegalStateException("Statuses are only available inside PrefetchedStatuses.with");
        }
        return statuses.getOrDefault(serialNumber, CertificateStatus.unknown());
    }
}
