package fr.cartesagents.ra.security;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * Who called the API: the holder of a client certificate issued by our CA, known by the SHA-256
 * fingerprint of that certificate (what the administrator list and the idempotency keys refer to).
 * Not a {@code java.security.Principal}, on purpose: WebFlux would inject the whole Authentication
 * into a parameter of that type.
 *
 * @param holderId the directory holder our records give the certificate, read with its standing (so that
 *                 finding the caller's person needs no second look at the certificate); empty for a
 *                 certificate of no person, such as an administrator's from the key ceremony
 */
public record CallerPrincipal(String fingerprintSha256, BigInteger serial, String subject, Optional<String> holderId) {

    public CallerPrincipal {
        Objects.requireNonNull(fingerprintSha256, "fingerprintSha256");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(holderId, "holderId");
    }

    public String getName() {
        return "cert:" + fingerprintSha256;
    }

    /** How the audit trail names this caller. */
    public String auditName() {
        return subject + " (sha256 " + fingerprintSha256 + ")";
    }
}
