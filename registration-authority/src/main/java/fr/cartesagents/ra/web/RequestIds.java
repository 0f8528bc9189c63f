package fr.cartesagents.ra.web;

import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Every request has an id, returned in {@code X-Request-Id} and used as the log prefix of what the
 * framework and this server log about it ({@link ServerWebExchange#getLogPrefix()}): the one a front
 * sent in {@code X-Request-Id} when it is a plain token (so that the front's log and ours meet), else
 * the server's own. A caller reporting a problem quotes it; the log shows what happened to that request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIds implements WebFilter {

    static final String HEADER = "X-Request-Id";
    /** What a front may set: a UUID or a similar token, never something that could forge a log line. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = offered != null && ACCEPTED.matcher(offered).matches() ? offered : exchange.getRequest().getId();
        exchange.getAttributes().put(ServerWebExchange.LOG_ID_ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange);
    }
}
