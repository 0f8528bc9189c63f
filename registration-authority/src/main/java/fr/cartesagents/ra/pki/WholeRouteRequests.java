package fr.cartesagents.ra.pki;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Hands each HTTP/1.1 request that {@link PkiRepositoryRoute} answers to Reactor Netty as one whole
 * message (a {@link DefaultFullHttpRequest}) rather than as headers followed by an empty end of body.
 *
 * <p>Why: for a request whose headers come alone, Reactor Netty starts the listener's body timers
 * ({@code cartes.http.read-timeout}, {@code body-timeout}: a read-timeout handler added to the
 * pipeline and a task put on the event loop's timer queue) and stops them at the end of the body,
 * which for a {@code GET} arrives in the same read. On the repository's requests, by the thousand a
 * second, that work was the largest difference with bare Reactor Netty serving the same bytes
 * (docs/benchmarks.md, "PKI repository under load"). A whole request has no body to wait for, and
 * Reactor Netty (1.3) starts no body timer for it; every other request, one with a body above all,
 * still gets them. The connection's idle timeout and the connection limit are untouched.
 *
 * <p>Only requests the route answers are joined: it never reads their body. A request is joined only
 * when its end arrives right behind its headers, decoded from the same bytes; otherwise both go on
 * as they came. HTTP/2 streams do not pass here (Reactor Netty already makes whole requests of them).
 */
@Component
class WholeRouteRequests implements NettyServerCustomizer {

    private static final String NAME = "cartes.wholeRouteRequests";

    private final PkiRepositoryRoute route;

    WholeRouteRequests(PkiRepositoryRoute route) {
        this.route = route;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
                channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, NAME, new Joiner(route));
            }
        });
    }

    /** One per connection, between the HTTP/1.1 decoder and Reactor Netty's request handling. */
    static final class Joiner extends ChannelInboundHandlerAdapter {

        private final PkiRepositoryRoute route;
        /** Headers of a request the route answers, waiting for the next message of the same read. */
        private HttpRequest held;

        Joiner(PkiRepositoryRoute route) {
            this.route = route;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            HttpRequest waiting = held;
            if (waiting != null) {
                held = null;
                if (message == LastHttpContent.EMPTY_LAST_CONTENT) {
                    context.fireChannelRead(new DefaultFullHttpRequest(waiting.protocolVersion(), waiting.method(), waiting.uri(),
                            Unpooled.EMPTY_BUFFER, waiting.headers(), EmptyHttpHeaders.INSTANCE));
                    return;
                }
                context.fireChannelRead(waiting);
            }
            // The exact class: what the decoder makes of headers without their body, when decoded without error.
            if (message.getClass() == DefaultHttpRequest.class) {
                HttpRequest request = (HttpRequest) message;
                if (request.decoderResult().isSuccess() && route.serves(request.method(), request.uri())) {
                    held = request;
                    return;
                }
            }
            context.fireChannelRead(message);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            release(context);
            context.fireChannelReadComplete();
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            release(context);
            super.channelInactive(context);
        }

        /** Headers whose end did not follow in the same read go on alone, as they came. */
        private void release(ChannelHandlerContext context) {
            HttpRequest waiting = held;
            if (waiting != null) {
                held = null;
                context.fireChannelRead(waiting);
            }
        }
    }
}
