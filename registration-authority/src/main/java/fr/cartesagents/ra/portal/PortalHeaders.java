package fr.cartesagents.ra.portal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * The portal's pages may run only their own scripts and talk only to this server and to the
 * workstation bridge on the loopback address ({@code http://127.0.0.1:<port>}, see
 * docs/pkcs11-bridge.md); they cannot be framed. Spring Security adds the other usual headers
 * (nosniff, frame options, HSTS on HTTPS, no-store).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PortalHeaders implements WebFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self' http://127.0.0.1:* http://localhost:*;"
            + " frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.equals("/") || path.startsWith("/portail")) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("Referrer-Policy", "same-origin");
            headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        }
        return chain.filter(exchange);
    }
}
