package fr.cartesagents.ra.pki;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.cartesagents.ca.ocsp.OcspResponder;
import fr.cartesagents.ca.ocsp.OcspResult;
import reactor.core.publisher.Mono;

/**
 * OCSP over HTTP (RFC 6960 appendix A, RFC 5019): POST with the DER request as body, or GET with
 * the request in base64 as the last path segment. Answers always carry an OCSP response (errors
 * such as malformedRequest are in the OCSP status, with HTTP 200), with the caching headers of
 * RFC 5019 section 6.2 when the response may be shared.
 */
@RestController
class OcspController {

    static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");
    private static final String GET_PREFIX = "/pki/ocsp/";

    private final OcspService ocsp;
    private final PkiMetrics metrics;
    private final Clock clock;

    OcspController(OcspService ocsp, PkiMetrics metrics, Clock clock) {
        this.ocsp = ocsp;
        this.metrics = metrics;
        this.clock = clock;
    }

    @PostMapping("/pki/ocsp")
    Mono<ResponseEntity<byte[]>> post(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), OcspResponder.MAX_REQUEST_BYTES + 1)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .onErrorReturn(org.springframework.core.io.buffer.DataBufferLimitException.class, new byte[0])
                .defaultIfEmpty(new byte[0])
                .flatMap(ocsp::respond)
                .map(this::response);
    }

    @GetMapping("/pki/ocsp/**")
    Mono<ResponseEntity<byte[]>> get(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        return ocsp.respondToGet(path.substring(path.indexOf(GET_PREFIX) + GET_PREFIX.length()))
                .map(answer -> {
                    metrics.answered(answer.status());
                    return answer.http().entity(clock.instant());
                });
    }

    private ResponseEntity<byte[]> response(OcspResult result) {
        metrics.answered(result);
        return OcspService.httpForm(result).entity(clock.instant());
    }

    /**
     * The GET form puts base64 (RFC 6960) in a path segment, so '/' and '+' arrive percent-encoded
     * or not at all; URL-safe base64 is accepted too. Undecodable input gives empty bytes, which the
     * responder answers with malformedRequest.
     */
    static byte[] decode(String encoded) {
        try {
            String text = percentDecode(encoded).replaceAll("\\s", "");
            if (text.indexOf('-') >= 0 || text.indexOf('_') >= 0) {
                return Base64.getUrlDecoder().decode(text);
            }
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** Percent-decoding that leaves '+' alone (it is a base64 character here, not a space). */
    private static String percentDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

}
