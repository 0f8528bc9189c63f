package fr.cartesagents.ra.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import fr.cartesagents.ra.problem.Problem;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.problem.ProblemWriter;
import reactor.core.publisher.Mono;

/**
 * The plain-HTTP listener serves the PKI repository ({@code /pki/**}) and the health probe only;
 * anything else asked there, the API first, does not exist (404): the API is reachable over TLS
 * alone, where client certificates can be presented. Symmetrically the HTTPS listener does not
 * serve the repository, so that a reverse proxy can publish one and keep the other internal.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ListenerSeparation implements WebFilter {

    private final ProblemWriter writer;

    ListenerSeparation(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (isHealth(path)) {
            return chain.filter(exchange);
        }
        boolean overTls = request.getSslInfo() != null;
        if (overTls != isRepository(path)) {
            return chain.filter(exchange);
        }
        return writer.write(exchange, Problem.of(ProblemType.NOT_FOUND, overTls
                ? "The PKI repository (/pki/...) is served on the plain-HTTP listener"
                : "Only the PKI repository (/pki/...) is served over plain HTTP; the API is on the HTTPS listener"));
    }

    static boolean isRepository(String path) {
        return path.equals("/pki") || path.startsWith("/pki/");
    }

    /** Health and metrics: served by the management listener only (loopback by default, see application.yml). */
    static boolean isHealth(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals("/actuator/prometheus");
    }
}
