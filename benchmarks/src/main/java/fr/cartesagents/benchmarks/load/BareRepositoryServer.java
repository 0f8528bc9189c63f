package fr.cartesagents.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import org.reactivestreams.Publisher;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The stack's own limit for the PKI load benchmark ({@code benchmarks/pki-load.sh}): bare Reactor
 * Netty, same version as the server's, HTTP/1.1 and h2c, serving the very bytes and headers that the
 * registration authority answered for each path, read from it once at start. Nothing is computed per
 * request: a map lookup by path and a write, the floor any server on this stack can reach.
 *
 * <p>Usage: {@code java -cp benchmarks.jar fr.cartesagents.benchmarks.load.BareRepositoryServer PORT BASE_URL PATH...}
 */
public final class BareRepositoryServer {

    /** What is copied from the server's answer; hop-by-hop and per-request headers are not. */
    private static final Set<String> COPIED = Set.of("content-type", "etag", "last-modified", "expires", "cache-control",
            "x-content-type-options");

    private record Answer(ByteBuf body, HttpHeaders headers) {
    }

    private BareRepositoryServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BareRepositoryServer PORT BASE_URL PATH...");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Map<String, Answer> answers = new ConcurrentHashMap<>();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : List.of(args).subList(2, args.length)) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(args[1] + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            HttpHeaders headers = new DefaultHttpHeaders();
            response.headers().map().forEach((name, values) -> {
                if (COPIED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    headers.add(name, values);
                }
            });
            headers.set("content-length", response.body().length);
            answers.put(path, new Answer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(response.body())), headers));
        }
        HttpServer configured = HttpServer.create();
        // To measure what a configuration costs (never set by pki-load.sh): -Dbare.limits=idle for
        // Reactor Netty's idle timeout only, =all for the registration authority's former listener
        // limits (cartes.http defaults: idle, read and request timeouts, all three per request).
        String limits = System.getProperty("bare.limits", "none");
        if (limits.equals("idle") || limits.equals("all")) {
            configured = configured.idleTimeout(java.time.Duration.ofSeconds(30));
        }
        if (limits.equals("all")) {
            configured = configured.readTimeout(java.time.Duration.ofSeconds(30)).requestTimeout(java.time.Duration.ofMinutes(2));
        }
        BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> serve = (request, response) -> {
            Answer answer = answers.get(request.uri());
            if (answer == null) {
                return response.status(HttpResponseStatus.NOT_FOUND).send();
            }
            return response.headers(answer.headers()).sendObject(answer.body().duplicate());
        };
        configured = configured.port(port).protocol(HttpProtocol.HTTP11, HttpProtocol.H2C);
        // -Dbare.routes=true: through HttpServerRoutes, as Spring Boot's server with a route provider
        DisposableServer server = (Boolean.getBoolean("bare.routes")
                ? configured.route(routes -> routes.route(request -> answers.containsKey(request.uri()), serve)
                        .route(request -> true, (request, response) -> response.status(HttpResponseStatus.NOT_FOUND).send()))
                : configured.handle(serve))
                .bindNow();
        System.out.println("bare Reactor Netty serving " + answers.size() + " paths on port " + server.port());
        server.onDispose().block();
    }
}
