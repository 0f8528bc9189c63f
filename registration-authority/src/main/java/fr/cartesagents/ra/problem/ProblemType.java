package fr.cartesagents.ra.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The kinds of problem this server reports (RFC 9457): each has a stable {@code type} URI, a title
 * and an HTTP status. Clients branch on the type, people read the title and the detail.
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", "Malformed request", HttpStatus.BAD_REQUEST),
    ISSUANCE_REFUSED("issuance-refused", "Certificate issuance refused", HttpStatus.UNPROCESSABLE_CONTENT),
    MALFORMED_CERTIFICATE_REQUEST("malformed-certificate-request", "Malformed certificate request", HttpStatus.BAD_REQUEST),
    ISSUANCE_FAILED("issuance-failed", "The CA could not issue", HttpStatus.INTERNAL_SERVER_ERROR),
    REQUEST_TOO_LARGE("request-too-large", "Request too large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    CERTIFICATE_NOT_FOUND("certificate-not-found", "No such certificate", HttpStatus.NOT_FOUND),
    ALREADY_REVOKED("already-revoked", "Certificate already revoked", HttpStatus.CONFLICT),
    IDEMPOTENCY_KEY_MISSING("idempotency-key-missing", "Idempotency-Key header required", HttpStatus.BAD_REQUEST),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key already used for another request",
            HttpStatus.UNPROCESSABLE_CONTENT),
    UNAUTHENTICATED("unauthenticated", "Client certificate required", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Not allowed", HttpStatus.FORBIDDEN),
    TRUST_ROLES_SUSPENDED("trust-roles-suspended", "Trust roles suspended", HttpStatus.FORBIDDEN),
    COLLECTIVITY_NOT_FOUND("collectivity-not-found", "No such collectivity", HttpStatus.NOT_FOUND),
    PERSON_NOT_FOUND("person-not-found", "No such person", HttpStatus.NOT_FOUND),
    VALIDATION_FAILED("validation-failed", "Invalid input", HttpStatus.BAD_REQUEST),
    RULE_VIOLATED("rule-violated", "Business rule violated", HttpStatus.UNPROCESSABLE_CONTENT),
    ILLEGAL_TRANSITION("illegal-transition", "Illegal state transition", HttpStatus.CONFLICT),
    DUPLICATE("duplicate", "Already exists", HttpStatus.CONFLICT),
    PRECONDITION_REQUIRED("precondition-required", "If-Match header required", HttpStatus.PRECONDITION_REQUIRED),
    PRECONDITION_FAILED("precondition-failed", "Modified since you read it", HttpStatus.PRECONDITION_FAILED),
    FEATURE_NOT_CONFIGURED("feature-not-configured", "Not configured on this server", HttpStatus.SERVICE_UNAVAILABLE),
    TOO_MANY_ATTEMPTS("too-many-attempts", "Too many attempts", HttpStatus.TOO_MANY_REQUESTS),
    CREDENTIALS_REJECTED("credentials-rejected", "Code or link rejected", HttpStatus.UNPROCESSABLE_CONTENT),
    LOCKED_OUT("locked-out", "Locked after too many wrong codes", HttpStatus.LOCKED),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
    /** The database (or another resource the server needs) does not answer: retry after {@code Retry-After}. */
    SERVICE_UNAVAILABLE("service-unavailable", "Service temporarily unavailable", HttpStatus.SERVICE_UNAVAILABLE);

    private static final String TYPE_PREFIX = "urn:cartes-agents:problem:";

    private final URI type;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.type = URI.create(TYPE_PREFIX + slug);
        this.title = title;
        this.status = status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The last part of the type URI, also the key of the title in the message bundles. */
    public String slug() {
        return type.toString().substring(TYPE_PREFIX.length());
    }

    public HttpStatus status() {
        return status;
    }
}
