package fr.cartesagents.ra.security;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

import reactor.netty.http.server.HttpServer;

/** The {@link ListenerLimits} on the plain-HTTP listener that Spring Boot runs (the {@link ApiListener} applies them itself). */
@Component
class PlainListenerLimits implements NettyServerCustomizer {

    private final ListenerLimits limits;

    PlainListenerLimits(ListenerLimits limits) {
        this.limits = limits;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return limits.applyTo(server);
    }
}
