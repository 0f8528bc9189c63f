package fr.cartesagents.ra.security;

import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Where the authentication finds the portal session a request's cookie names (implemented by the
 * portal, which opens and ends sessions). Kept here as an interface so that this package does not
 * depend on the portal's.
 */
public interface PortalSessionLookup {

    /** The session cookie: {@code __Host-} so that it is Secure, host-only and for the whole site. */
    String COOKIE = "__Host-cartes-session";

    /**
     * Where a session is opened ({@code POST}): the one state-changing request of the portal that
     * needs no CSRF token, since it comes before the session (a stale cookie must not block it).
     */
    String LOGIN_PATH = "/portail/session";

    /** The request header that carries the session's anti-CSRF token on state-changing requests. */
    String CSRF_HEADER = "X-CSRF-Token";

    /**
     * The live session named by the request's {@link #COOKIE}, its inactivity clock reset; empty
     * when there is no cookie or the session ended, expired or is unknown. A session opened with a
     * card's certificate is live only on a connection that presents that certificate (unless a
     * trusted front forwards the caller's, which then authenticates the request on its own): on any
     * other it is ended and the answer is {@link SessionOnAnotherCertificate}. Looked up once per
     * exchange however many times it is asked.
     */
    Mono<PortalSession> live(ServerWebExchange exchange);

    /** Whether the request carries a client certificate forwarded by a front (the session is then not what authenticates it). */
    static boolean forwardedByAFront(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getFirst(ForwardedCertificate.HEADER) != null;
    }
}
