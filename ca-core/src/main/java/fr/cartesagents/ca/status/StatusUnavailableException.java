package fr.cartesagents.ca.status;

/**
 * Thrown by a {@link CertificateStatusSource} that cannot tell a status right now (its database is
 * unreachable or too slow): an expected, temporary condition. The OCSP responder answers it with
 * {@code tryLater} (RFC 6960 section 4.2.1) and logs no stack trace.
 */
public class StatusUnavailableException extends RuntimeException {

    public StatusUnavailableException(String message) {
        super(message);
    }

    public StatusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
