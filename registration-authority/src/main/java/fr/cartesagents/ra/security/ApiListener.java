package fr.cartesagents.ra.security;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.stereotype.Component;

import io.netty.handler.ssl.ClientAuth;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The HTTPS listener of the API (default port 8443), beside the plain-HTTP listener that Spring Boot
 * runs for the PKI repository (default 8080). Both serve the same {@link HttpHandler}, so the same
 * filters, security rules and routes: {@link ListenerSeparation} keeps the API off the plain one.
 *
 * <p>Clients may present a certificate (TLS "want"): one that does not chain to our issuing CA is
 * refused by the handshake; none at all reaches the application, which answers 401 where one is
 * needed. This listener is started here rather than by Spring Boot because its certificate is
 * issued by our own CA, which exists only once the database and the PKI are up.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ApiListener implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ApiListener.class);

    private final HttpHandler httpHandler;
    private final ServerTlsMaterial tls;
    private final ListenerLimits limits;
    private final String address;
    private final int configuredPort;
    private volatile DisposableServer server;
    private volatile LoopResources loops;

    public ApiListener(HttpHandler httpHandler, ServerTlsMaterial tls, ListenerLimits limits,
                       @Value("${cartes.api.address:0.0.0.0}") String address,
                       @Value("${cartes.api.port:8443}") int configuredPort) {
        this.httpHandler = httpHandler;
        this.tls = tls;
        this.limits = limits;
        this.address = address;
        this.configuredPort = configuredPort;
    }

    @Override
    public void start() {
        Http11SslContextSpec ssl = Http11SslContextSpec
                .forServer(tls.key(), tls.chain().toArray(java.security.cert.X509Certificate[]::new))
                .configure(builder -> builder
                        .trustManager(tls.clientCertificateIssuers().toArray(java.security.cert.X509Certificate[]::new))
                        .clientAuth(ClientAuth.OPTIONAL)
                        .protocols("TLSv1.3", "TLSv1.2"));
        // Its own event loops, not Reactor Netty's global ones: another application context in the
        // same JVM (tests, tools) that disposes the global resources must not take this listener down.
        loops = LoopResources.create("cartes-api");
        server = limits.applyTo(HttpServer.create())
                .runOn(loops)
                .host(address)
                .port(configuredPort)
                .secure(spec -> spec.sslContext(ssl))
                .handle(new ReactorHttpHandlerAdapter(httpHandler))
                .bindNow(Duration.ofSeconds(30));
        LOG.info("API listening on https://{}:{}", address, server.port());
    }

    @Override
    public void stop() {
        DisposableServer running = server;
        if (running != null) {
            running.disposeNow(Duration.ofSeconds(10));
            server = null;
        }
        LoopResources ownLoops = loops;
        if (ownLoops != null) {
            ownLoops.disposeLater().block(Duration.ofSeconds(10));
            loops = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The bound port (differs from the configured one when that is 0). */
    public int port() {
        DisposableServer running = server;
        if (running == null) {
            throw new IllegalStateException("The API listener is not running");
        }
        return running.port();
    }
}
