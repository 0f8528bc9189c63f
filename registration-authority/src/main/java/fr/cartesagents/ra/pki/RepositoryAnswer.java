package fr.cartesagents.ra.pki;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import org.reactivestreams.Publisher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * One answer of the PKI repository in its HTTP form, computed once and written as is to every
 * client: the body in a buffer shared by all responses, and its headers. {@code Cache-Control}'s
 * max-age counts down to the answer's expiry, so the header set is recomputed once a second at
 * most, not per request. Conditional GETs ({@code If-None-Match}, {@code If-Modified-Since}) get a
 * 304 without the body, so that a front cache or a relying party revalidates for a few bytes.
 *
 * <p>The headers are those of RFC 5019 section 6.2 for OCSP answers ({@code Last-Modified} =
 * producedAt, {@code Expires} = nextUpdate, max-age = seconds to nextUpdate), and the same for CRLs
 * (max-age capped, since a revocation publishes a new CRL at once) and CA certificates.
 */
final class RepositoryAnswer {

    static final String PKIX_CERT = "application/pkix-cert";
    static final String PKIX_CRL = "application/pkix-crl";
    static final String OCSP_RESPONSE = "application/ocsp-response";

    private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");
    private static final AsciiString X_CONTENT_TYPE_OPTIONS = AsciiString.cached("x-content-type-options");

    private final ByteBuf body;
    private final int length;
    private final AsciiString contentType;
    private final String entityTag;
    private final Instant lastModified;
    private final Instant expires;
    private final Duration maxAgeCap;
    private final String cacheDirectives;
    private volatile Headers current;

    /** Headers valid during one second. */
    private record Headers(long second, HttpHeaders full, HttpHeaders notModified) {
    }

    /**
     * @param expires         when the content stops being valid (Expires header, end of max-age); null for none
     * @param maxAgeCap       max-age never exceeds it; null for no cap (then expires must be set)
     * @param cacheDirectives what follows max-age in Cache-Control, e.g. {@code ", public"}; null for {@code no-store}
     */
    RepositoryAnswer(byte[] body, String contentType, String entityTag, Instant lastModified, Instant expires,
                     Duration maxAgeCap, String cacheDirectives) {
        this.body = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body.clone()).asReadOnly());
        this.length = body.length;
        this.contentType = AsciiString.cached(contentType);
        this.entityTag = entityTag;
        this.lastModified = lastModified;
        this.expires = expires;
        this.maxAgeCap = maxAgeCap;
        this.cacheDirectives = cacheDirectives;
    }

    /** Seconds of max-age at {@code now}: up to expiry, within the cap, never negative. */
    long maxAgeSeconds(Instant now) {
        long seconds = maxAgeCap == null ? Long.MAX_VALUE : maxAgeCap.getSeconds();
        if (expires != null) {
            seconds = Math.min(seconds, Math.max(0, Duration.between(now, expires).getSeconds()));
        }
        return seconds;
    }

    String cacheControl(Instant now) {
        return cacheDirectives == null ? "no-store" : "max-age=" + maxAgeSeconds(now) + cacheDirectives;
    }

    String entityTag() {
        return entityTag;
    }

    byte[] body() {
        byte[] copy = new byte[length];
        body.getBytes(0, copy);
        return copy;
    }

    /** Writes this answer, or a 304 when the request's validators match. */
    Publisher<Void> writeTo(HttpServerRequest request, HttpServerResponse response, Instant now) {
        Headers headers = headers(now);
        if (notModified(request.requestHeaders())) {
            return response.status(HttpResponseStatus.NOT_MODIFIED).headers(headers.notModified()).send();
        }
        return response.headers(headers.full()).sendObject(body.duplicate());
    }

    /** The same answer through WebFlux (the controllers' fallback path); WebFlux answers the conditional GET. */
    ResponseEntity<byte[]> entity(Instant now) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.parseMediaType(contentType.toString()));
        headers(now).notModified().forEach(header -> response.header(header.getKey(), header.getValue()));
        return response.header(X_CONTENT_TYPE_OPTIONS.toString(), NOSNIFF.toString()).body(body());
    }

    private Headers headers(Instant now) {
        long second = now.getEpochSecond();
        Headers held = current;
        if (held != null && held.second() == second) {
            return held;
        }
        HttpHeaders validators = new DefaultHttpHeaders(false);
        if (entityTag != null) {
            validators.set(HttpHeaderNames.ETAG, entityTag);
        }
        if (lastModified != null) {
            validators.set(HttpHeaderNames.LAST_MODIFIED, httpDate(lastModified));
        }
        if (expires != null && cacheDirectives != null) {
            validators.set(HttpHeaderNames.EXPIRES, httpDate(expires));
        }
        validators.set(HttpHeaderNames.CACHE_CONTROL, cacheControl(now));
        HttpHeaders full = new DefaultHttpHeaders(false).add(validators)
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, length)
                .set(X_CONTENT_TYPE_OPTIONS, NOSNIFF);
        Headers computed = new Headers(second, full, validators);
        current = computed;
        return computed;
    }

    /** RFC 9110 section 13.2.2: If-None-Match decides when present, else If-Modified-Since. */
    boolean notModified(HttpHeaders request) {
        if (cacheDirectives == null) {
            return false;
        }
        String ifNoneMatch = request.get(HttpHeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            if (entityTag == null) {
                return false;
            }
            for (String tag : ifNoneMatch.split(",")) {
                String candidate = tag.strip();
                if (candidate.startsWith("W/")) {
                    candidate = candidate.substring(2);
                }
                if (candidate.equals("*") || candidate.equals(entityTag)) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = request.get(HttpHeaderNames.IF_MODIFIED_SINCE);
        if (ifModifiedSince == null || lastModified == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return lastModified.getEpochSecond() <= since.getEpochSecond();
        } catch (DateTimeParseException e) {
            return false; // an invalid date is ignored (RFC 9110 section 13.1.3)
        }
    }

    /** IMF-fixdate (RFC 9110 section 5.6.7): two-digit day, English names, GMT. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }
}
