package fr.cartesagents.ca.ocsp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A DER-encoded OCSPResponse and what an HTTP server needs to cache it per RFC 5019 section 6.2:
 * {@code Last-Modified} = producedAt, {@code Expires} = nextUpdate, {@code Cache-Control: max-age}
 * = {@link #maxAge(Instant)}, {@code ETag} = {@link #entityTag()}.
 *
 * <p>The times are present for successful responses only. A response that echoes a nonce is meant
 * for one requester and must not be served from a shared cache ({@link #cacheable()} is false).
 */
public record OcspResult(OcspResponseStatus status, byte[] der, Optional<Instant> producedAt,
                         Optional<Instant> thisUpdate, Optional<Instant> nextUpdate, boolean nonceEchoed) {

    public OcspResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(producedAt, "producedAt");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        der = der.clone();
    }

    static OcspResult unsuccessful(OcspResponseStatus status, byte[] der) {
        return new OcspResult(status, der, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    public boolean successful() {
        return status == OcspResponseStatus.SUCCESSFUL;
    }

    /** Whether an HTTP cache may store this response and serve it to anybody until nextUpdate. */
    public boolean cacheable() {
        return successful() && !nonceEchoed && nextUpdate.isPresent();
    }

    /** Seconds left until nextUpdate (never negative); zero for responses that must not be cached. */
    public Duration maxAge(Instant now) {
        if (!cacheable()) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, nextUpdate.orElseThrow());
        return left.isNegative() ? Duration.ZERO : Duration.ofSeconds(left.getSeconds());
    }

    /** A strong HTTP entity tag (quoted): the SHA-256 of the response bytes. */
    public String entityTag() {
        try {
            return '"' + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OcspResult result && status == result.status
                && java.util.Arrays.equals(der, result.der) && nonceEchoed == result.nonceEchoed
                && producedAt.equals(result.producedAt) && thisUpdate.equals(result.thisUpdate)
                && nextUpdate.equals(result.nextUpdate);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "OcspResult[" + status + ", " + der.length + " bytes, producedAt " + producedAt.map(Object::toString).orElse("-")
                + ", nextUpdate " + nextUpdate.map(Object::toString).orElse("-") + (nonceEchoed ? ", nonce" : "") + "]";
    }
}
