package fr.cartesagents.ra.security;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

import reactor.core.publisher.Mono;

/**
 * The one use a feature may still allow a certificate it had revoked as {@code superseded} (issue 11:
 * replaying the renewal that superseded it, whose answer was lost). The authentication asks it about
 * every revoked client certificate; a certificate it does not vouch for, or any other request, is
 * refused as every revoked certificate is (401). The authentication knows nothing of what the use is:
 * the feature that revoked the certificate decides, on the serial and the request line.
 */
public interface SupersededCertificateUse {

    /**
     * What the authentication knows of the request before its body is read.
     *
     * @param method         the HTTP method
     * @param path           the path within the application
     * @param idempotencyKey the {@code Idempotency-Key} header, if any
     */
    record Request(String method, String path, Optional<String> idempotencyKey) {

        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }
    }

    /** Whether the revoked certificate of this serial may authenticate this request. */
    Mono<Boolean> allows(BigInteger serial, Request request);
}
