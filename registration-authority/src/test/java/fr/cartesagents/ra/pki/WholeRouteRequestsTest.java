package fr.cartesagents.ra.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * {@link WholeRouteRequests} behind Netty's own HTTP/1.1 decoder: a {@code GET} the PKI route answers
 * comes out as one whole request (so Reactor Netty starts no body timer for it); a request with a
 * body, one the route does not answer, and headers whose end has not arrived come out as they were
 * decoded, so that they keep the listener's body timeouts.
 */
class WholeRouteRequestsTest {

    private static final String OCSP_GET = "GET /pki/ocsp/MEMwQTA_MD0wOzAJBgUrDgMCGgUABBQ HTTP/1.1\r\nHost: ca\r\n\r\n";

    @Test
    void whenARouteGetArrivesWhole_thenItIsPassedOnAsOneFullRequestWithItsHeaders() {
        List<Object> out = decode(OCSP_GET + OCSP_GET);

        assertThat(out).hasSize(2).allSatisfy(message -> assertThat(message).isInstanceOf(FullHttpRequest.class));
        FullHttpRequest first = (FullHttpRequest) out.get(0);
        assertThat(first.uri()).startsWith("/pki/ocsp/MEMw");
        assertThat(first.headers().get("Host")).isEqualTo("ca");
        assertThat(first.content().readableBytes()).isZero();
        out.forEach(ReferenceCountUtil::release);
    }

    @Test
    void whenARequestHasABodyOrIsNotTheRoutes_thenItsPartsGoOnAsDecoded() {
        String post = "POST /pki/ocsp HTTP/1.1\r\nHost: ca\r\nContent-Length: 3\r\n\r\nabc";
        String otherPath = "GET /api/v1/me HTTP/1.1\r\nHost: ca\r\n\r\n";
        String otherSpelling = "GET /pki/ocsp/MEMw?fallback HTTP/1.1\r\nHost: ca\r\n\r\n";

        List<Object> out = decode(post + otherPath + otherSpelling);

        assertThat(out).noneMatch(message -> message instanceof FullHttpRequest);
        assertThat(out.stream().filter(HttpRequest.class::isInstance).map(request -> ((HttpRequest) request).uri()))
                .containsExactly("/pki/ocsp", "/api/v1/me", "/pki/ocsp/MEMw?fallback");
        assertThat(out.stream().filter(LastHttpContent.class::isInstance)).hasSize(3);
        assertThat(((HttpContent) out.get(1)).content().toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
        out.forEach(ReferenceCountUtil::release);
    }

    @Test
    void whenOnlyTheHeadersOfARouteGetHaveArrived_thenTheyGoOnAloneAtTheEndOfTheRead() {
        EmbeddedChannel channel = channel();
        // Headers of a request with a body announced but not sent: the end does not follow in this read.
        channel.writeInbound(Unpooled.copiedBuffer("GET /pki/ocsp/MEMw HTTP/1.1\r\nHost: ca\r\nContent-Length: 5\r\n\r\n",
                StandardCharsets.US_ASCII));

        List<Object> out = drain(channel);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isInstanceOf(HttpRequest.class).isNotInstanceOf(FullHttpRequest.class);
        channel.finishAndReleaseAll();
    }

    private static List<Object> decode(String bytes) {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
        List<Object> out = drain(channel);
        channel.finishAndReleaseAll();
        return out;
    }

    private static EmbeddedChannel channel() {
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        PkiRepositoryRoute route = new PkiRepositoryRoute(none.getBeanProvider(PkiRepositoryMemory.class),
                none.getBeanProvider(OcspService.class), none.getBeanProvider(PkiMetrics.class), Clock.systemUTC());
        return new EmbeddedChannel(new HttpServerCodec(), new WholeRouteRequests.Joiner(route));
    }

    private static List<Object> drain(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            out.add(message);
        }
        return out;
    }
}
