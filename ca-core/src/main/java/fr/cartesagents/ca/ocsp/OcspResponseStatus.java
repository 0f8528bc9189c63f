package fr.cartesagents.ca.ocsp;

/** OCSPResponseStatus (RFC 6960 section 4.2.1); value 4 is not used by the RFC. */
public enum OcspResponseStatus {
    SUCCESSFUL(0),
    MALFORMED_REQUEST(1),
    INTERNAL_ERROR(2),
    TRY_LATER(3),
    SIG_REQUIRED(5),
    UNAUTHORIZED(6);

    private final int code;

    OcspResponseStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
