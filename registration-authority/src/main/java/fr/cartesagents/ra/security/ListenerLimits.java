package fr.cartesagents.ra.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import reactor.netty.http.server.HttpServer;

/**
 * What one client may hold of a listener, applied to both (the plain-HTTP one faces the Internet):
 * a connection that sends nothing for {@code idle-timeout} (idle keep-alive, or a request whose
 * headers stopped half-way) is closed, as is one whose body stalls for {@code read-timeout} or takes
 * longer than {@code body-timeout} in all; beyond {@code max-connections} open connections a new
 * one is closed at once, so that a flood of slow connections cannot exhaust the server. (How long an
 * API call may run once received is another setting, {@code cartes.http.api-call-timeout}, read by
 * {@code database.DatabaseOutageFilter}.)
 *
 * @param idleTimeout    no byte received for that long while waiting for (the rest of) a request
 * @param readTimeout    no byte of the request body received for that long
 * @param bodyTimeout    the whole request body received within that time
 * @param maxConnections open connections per listener
 * @param requestTimeout the former name of both this body timeout and the API call timeout: refused, so
 *                       that a configuration written for one meaning does not silently get the other
 */
@ConfigurationProperties("cartes.http")
public record ListenerLimits(@DefaultValue("PT30S") Duration idleTimeout, @DefaultValue("PT30S") Duration readTimeout,
                             @DefaultValue("PT2M") Duration bodyTimeout, @DefaultValue("2000") int maxConnections,
                             Duration requestTimeout) {

    public ListenerLimits {
        if (requestTimeout != null) {
            throw new IllegalArgumentException("cartes.http.request-timeout is no longer read: it had two meanings. Set"
                    + " cartes.http.body-timeout (a request body received in all, default PT2M) and/or"
                    + " cartes.http.api-call-timeout (an API call answered, default PT15S) instead");
        }
        requirePositive("cartes.http.idle-timeout", idleTimeout);
        requirePositive("cartes.http.read-timeout", readTimeout);
        requirePositive("cartes.http.body-timeout", bodyTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("cartes.http.max-connections must be at least 1, not " + maxConnections);
        }
    }

    /** {@code server} with these limits; each call counts the connections of its own listener. */
    public HttpServer applyTo(HttpServer server) {
        AtomicInteger open = new AtomicInteger();
        return server.idleTimeout(idleTimeout)
                .readTimeout(readTimeout)
                .requestTimeout(bodyTimeout)
                .doOnChannelInit((observer, channel, remoteAddress) -> {
                    int now = open.incrementAndGet();
                    channel.closeFuture().addListener(closed -> open.decrementAndGet());
                    if (now > maxConnections) {
                        channel.pipeline().addFirst(new CloseAtOnce());
                    }
                });
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    /** Closes a connection over the limit before the TLS handshake or any HTTP parsing. */
    private static final class CloseAtOnce extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext context) {
            context.close();
        }
    }
}
