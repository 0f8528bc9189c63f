package fr.cartesagents.ca.issuance;

import java.util.Objects;

/**
 * The CA refused to issue. The reason tells the caller what to fix; the message is precise and safe
 * to show to the caller (it never carries key material, only what was wrong with the request).
 */
public class IssuanceRefusedException extends RuntimeException {

    /** Why a request was refused; each is something the caller can act on. */
    public enum Reason {
        /** The PKCS#10 request is not a well-formed DER CertificationRequest. */
        MALFORMED_REQUEST,
        /** The request exceeds {@link CertificateAuthority#MAX_REQUEST_BYTES}. */
        REQUEST_TOO_LARGE,
        /** The request's signature does not verify with its own key: no proof of possession. */
        BAD_SIGNATURE,
        /** The key is too weak (RSA below 2048 bits, small or even exponent, short curve). */
        WEAK_KEY,
        /** The key is sound but not a type this profile certifies. */
        KEY_TYPE_NOT_ALLOWED,
        /** No profile has this name. */
        UNKNOWN_PROFILE,
        /** A subject attribute is empty, too long, badly encoded or not the kind this profile takes. */
        INVALID_SUBJECT,
        /** The CA certificate is expired or not yet valid at the issuance time. */
        ISSUER_NOT_VALID,
        /** The end the request sets for the certificate (the end of its card) is not after the issuance time. */
        NO_VALIDITY_LEFT,
        /** The certificate built does not pass the pre-issuance lint: a defect of the CA, not of the request. */
        LINT_FAILED
    }

    private final Reason reason;

    public IssuanceRefusedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public IssuanceRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
