package fr.cartesagents.ra.security;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Who called the API: the holder of a client certificate issued by our CA, known by the SHA-256
 * fingerprint of that certificate (what the administrator list and the idempotency keys refer to).
 * Not a {@code java.security.Principal}, on purpose: WebFlux would inject the whole Authentication
 * into a parameter of that type.
 */
public record CallerPrincipal(String fingerprintSha256, BigInteger serial, String subject) {

    public CallerPrincipal {
        Objects.requireNonNull(fingerprintSha256, "fingerprintSha256");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(subject, "subject");
    }

    public String getName() {
        return "cert:" + fingerprintSha256;
    }

    /** How the audit trail names this caller. */
    public String auditName() {
        return subject + " (sha256 " + fingerprintSha256 + ")";
    }
}
