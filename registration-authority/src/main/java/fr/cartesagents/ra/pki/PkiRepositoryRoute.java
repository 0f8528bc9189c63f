package fr.cartesagents.ra.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.reactivestreams.Publisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.stereotype.Component;

import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The leanest path of the PKI repository: a Reactor Netty route on the plain-HTTP listener, ahead of
 * Spring WebFlux, for the requests relying parties make by the thousand, {@code GET} of a CA
 * certificate, of a CRL, and of an OCSP answer ({@code /pki/ocsp/{base64}}). These are public,
 * unauthenticated and cacheable: they need none of the filter chain (authentication, request ids,
 * problem details, listener separation), only bytes and headers computed once
 * ({@link RepositoryAnswer}). The issue measured 1,000 OCSP answers a second through WebFlux where
 * bare Reactor Netty serves 60,000 the same bytes.
 *
 * <p>Only exact paths are taken here; anything else, {@code HEAD}, a query string, a percent-encoded
 * or dotted spelling of a path, a CA or CRL this server does not hold, the JSON list, OCSP over POST,
 * falls through to the WebFlux controllers ({@link PkiRepositoryController}, {@link OcspController}),
 * which answer the same content with the same headers, or a problem. Spring Boot puts the route on
 * its own listener only (the API listener is started apart, see {@code ApiListener}).
 */
@Component
class PkiRepositoryRoute implements NettyRouteProvider {

    static final String OCSP_PREFIX = "/pki/ocsp/";
    private static final Duration CA_MAX_AGE = Duration.ofHours(1);
    /** CRLs change at once on revocation: caches may keep one this long at most. */
    static final Duration CRL_MAX_AGE = Duration.ofMinutes(5);

    private final ObjectProvider<PkiRepositoryMemory> memoryProvider;
    private final ObjectProvider<OcspService> ocspProvider;
    private final ObjectProvider<PkiMetrics> metricsProvider;
    private final Clock clock;
    /**
     * The CA certificates and CRLs served, by exact path, each resolved once: a request for a file
     * costs one lookup by its path (and, for a CRL, one to check it still holds the latest CRL).
     * Only paths of an existing CA's files are kept, so the map stays as small as the repository.
     */
    private final Map<String, FileAnswer> files = new ConcurrentHashMap<>();
    private volatile Resolved resolved;

    private record Resolved(PkiRepositoryMemory memory, OcspService ocsp, PkiMetrics metrics) {
    }

    /** The HTTP form of a CA certificate ({@code crl} null) or of a CRL, with what it was made from. */
    private record FileAnswer(RepositoryAnswer http, String caId, boolean delta, PublishedCrl crl) {
    }

    // Providers, not the beans: Spring Boot asks for route providers when it creates the web server,
    // before the PKI and the database are up; they are looked up at the first request.
    PkiRepositoryRoute(ObjectProvider<PkiRepositoryMemory> memory, ObjectProvider<OcspService> ocsp,
                       ObjectProvider<PkiMetrics> metrics, Clock clock) {
        this.memoryProvider = memory;
        this.ocspProvider = ocsp;
        this.metricsProvider = metrics;
        this.clock = clock;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(request -> serves(request.method(), request.uri()), this::serve);
    }

    /**
     * Whether this route answers a request with this method and URI (also asked by
     * {@link WholeRouteRequests} as the request is decoded): a {@code GET} of an OCSP answer, or of a
     * certificate or CRL this server holds, by its plain path. Such a request's body is never read.
     */
    boolean serves(HttpMethod method, String uri) {
        if (method != HttpMethod.GET || !uri.startsWith("/pki/") || !plain(uri)) {
            return false;
        }
        if (uri.startsWith(OCSP_PREFIX)) {
            return uri.length() > OCSP_PREFIX.length();
        }
        return fileAnswer(uri) != null;
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        String uri = request.uri();
        Instant now = clock.instant();
        if (!uri.startsWith(OCSP_PREFIX)) {
            // Non-null: the predicate found it, and a path once resolved stays resolved (a newer CRL replaces the older).
            return fileAnswer(uri).writeTo(request, response, now);
        }
        Resolved beans = beans();
        String encoded = uri.substring(OCSP_PREFIX.length());
        OcspService.GetAnswer kept = beans.ocsp().keptAnswer(encoded, now);
        if (kept != null) {
            beans.metrics().answered(kept.status());
            return kept.http().writeTo(request, response, now);
        }
        return beans.ocsp().respondToGet(encoded)
                .flatMap(answer -> {
                    beans.metrics().answered(answer.status());
                    return Mono.from(answer.http().writeTo(request, response, clock.instant()));
                });
    }

    /**
     * A path spelt the one way this route serves: no query, no matrix parameter, no percent-escape
     * outside the OCSP segment, no empty or dot segment, nothing that a router could read as another path.
     */
    private static boolean plain(String uri) {
        if (uri.indexOf('?') >= 0 || uri.indexOf(';') >= 0 || uri.indexOf('#') >= 0 || uri.contains("//") || uri.contains("/.")
                || uri.indexOf('\\') >= 0) {
            return false;
        }
        return uri.startsWith(OCSP_PREFIX) || uri.indexOf('%') < 0;
    }

    /** The certificate or CRL at {@code path}, null when this route does not serve it. */
    private RepositoryAnswer fileAnswer(String path) {
        FileAnswer held = files.get(path);
        if (held != null && held.crl() == null) {
            return held.http();
        }
        PkiRepositoryMemory memory = beans().memory();
        if (held != null) {
            PublishedCrl latest = memory.latestCrl(held.caId(), held.delta()).orElseThrow();
            return latest == held.crl() ? held.http() : remember(path, latest).http();
        }
        return resolve(path, memory);
    }

    /** First request for a path: which CA's certificate or CRL it names, if any. */
    private RepositoryAnswer resolve(String path, PkiRepositoryMemory memory) {
        if (path.startsWith("/pki/ca/") && path.endsWith(".crt")) {
            return memory.ca(path.substring("/pki/ca/".length(), path.length() - ".crt".length()))
                    .map(ca -> files.computeIfAbsent(path, p -> new FileAnswer(caAnswer(ca), ca.id(), false, null)).http())
                    .orElse(null);
        }
        if (!path.startsWith("/pki/crl/")) {
            return null;
        }
        String name = path.substring("/pki/crl/".length());
        boolean delta = name.endsWith("/delta.crl");
        String caId = delta ? name.substring(0, name.length() - "/delta.crl".length())
                : name.endsWith(".crl") ? name.substring(0, name.length() - ".crl".length()) : null;
        if (caId == null || caId.indexOf('/') >= 0) {
            return null;
        }
        return memory.latestCrl(caId, delta).map(latest -> remember(path, latest).http()).orElse(null);
    }

    private FileAnswer remember(String path, PublishedCrl latest) {
        FileAnswer made = new FileAnswer(crlAnswer(latest), latest.caId(), latest.delta(), latest);
        files.put(path, made);
        return made;
    }

    static RepositoryAnswer caAnswer(CaRecords.CaRecord ca) {
        return new RepositoryAnswer(ca.certificate(), RepositoryAnswer.PKIX_CERT,
                "\"" + ca.id() + "-" + ca.fingerprint().substring(0, 16) + "\"", null, null, CA_MAX_AGE, ", public");
    }

    static RepositoryAnswer crlAnswer(PublishedCrl crl) {
        return new RepositoryAnswer(crl.der(), RepositoryAnswer.PKIX_CRL,
                "\"" + crl.caId() + (crl.delta() ? "-delta-" : "-") + crl.number() + "\"",
                crl.thisUpdate(), crl.nextUpdate(), CRL_MAX_AGE, ", no-transform, public");
    }

    private Resolved beans() {
        Resolved held = resolved;
        if (held == null) {
            held = new Resolved(memoryProvider.getObject(), ocspProvider.getObject(), metricsProvider.getObject());
            resolved = held;
        }
        return held;
    }
}
