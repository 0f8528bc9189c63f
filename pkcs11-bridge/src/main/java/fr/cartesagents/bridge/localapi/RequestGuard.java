package fr.cartesagents.bridge.localapi;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.sun.net.httpserver.Headers;

/**
 * What a request must show before it reaches a route:
 * <ul>
 * <li>a {@code Host} of {@code 127.0.0.1:<port>} or {@code localhost:<port>}: a page on a rebound DNS
 * name reaches 127.0.0.1 with its own name as Host (DNS rebinding), and is turned away (421);</li>
 * <li>no {@code Origin}, or exactly one of the portal origins (403 otherwise, and no CORS header, so
 * the browser keeps the answer from the page); the portal's origin gets the CORS headers;</li>
 * <li>the pairing token as {@code Authorization: Bearer}, compared in constant time (401).</li>
 * </ul>
 */
final class RequestGuard {

    static final String ALLOWED_METHODS = "GET, POST";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept-Language";
    private static final String BEARER = "bearer ";

    private final Set<String> allowedHosts;
    private final Set<String> portalOrigins;
    private final PairingToken token;

    RequestGuard(int port, Set<String> portalOrigins, PairingToken token) {
        this.allowedHosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.portalOrigins = Set.copyOf(portalOrigins);
        this.token = token;
    }

    void checkHost(Headers request) {
        String host = request.getFirst("Host");
        if (host == null || !allowedHosts.contains(host.strip().toLowerCase(Locale.ROOT))) {
            throw ApiProblem.of("misdirected-host", 421, "This bridge answers only to " + String.join(" or ", allowedHosts.stream().sorted().toList()));
        }
    }

    /**
     * @return the request's origin when it is a portal origin; empty when the request has none (not a browser page)
     * @throws ApiProblem {@code forbidden-origin} (403) for any other origin, {@code null} included
     */
    Optional<String> portalOrigin(Headers request) {
        String origin = request.getFirst("Origin");
        if (origin == null) {
            return Optional.empty();
        }
        if (!portalOrigins.contains(origin)) {
            throw ApiProblem.of("forbidden-origin", 403, "The origin " + origin + " is not a portal this bridge serves");
        }
        return Optional.of(origin);
    }

    /** The headers that let the portal page read the answer. */
    static void allowOrigin(Headers response, String origin) {
        response.set("Access-Control-Allow-Origin", origin);
        response.set("Access-Control-Expose-Headers", "WWW-Authenticate");
    }

    /** The answer to a CORS preflight from a portal origin, including Chrome's private-network access check. */
    static void allowPreflight(Headers request, Headers response) {
        response.set("Access-Control-Allow-Methods", ALLOWED_METHODS);
        response.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        response.set("Access-Control-Max-Age", "600");
        if ("true".equalsIgnoreCase(request.getFirst("Access-Control-Request-Private-Network"))) {
            response.set("Access-Control-Allow-Private-Network", "true");
        }
    }

    void checkToken(Headers request) {
        String authorization = request.getFirst("Authorization");
        boolean bearer = authorization != null && authorization.length() > BEARER.length()
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        if (!bearer || !token.matches(authorization.substring(BEARER.length()).strip())) {
            throw ApiProblem.of("unauthorized", 401, "Send the pairing token as 'Authorization: Bearer <token>'"
                    + " (POST /v1/pairing with the code the bridge printed gives it)");
        }
    }

    static void checkJson(Headers request) {
        String contentType = request.getFirst("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw ApiProblem.of("unsupported-media-type", 415, "The body must be application/json, not "
                    + (contentType == null ? "missing" : mediaType));
        }
    }
}
