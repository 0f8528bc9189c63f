package fr.cartesagents.ra.pki;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.reactivestreams.Publisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.stereotype.Component;

import io.netty.handler.codec.http.HttpMethod;
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
    private final Map<String, RepositoryAnswer> caCertificates = new ConcurrentHashMap<>();
    /** The HTTP form of each CRL served, by path, with the CRL it was made from. */
    private final Map<String, CrlAnswer> crls = new ConcurrentHashMap<>();
    private volatile Resolved resolved;

    private record Resolved(PkiRepositoryMemory memory, OcspService ocsp, PkiMetrics metrics) {
    }

    private record CrlAnswer(PublishedCrl crl, RepositoryAnswer http) {
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
        return routes.route(this::serves, this::serve);
    }

    private boolean serves(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET) {
            return false;
        }
        String uri = request.uri();
        if (!uri.startsWith("/pki/") || !plain(uri)) {
            return false;
        }
        if (uri.startsWith(OCSP_PREFIX)) {
            return uri.length() > OCSP_PREFIX.length();
        }
        return fileAnswer(uri) != null;
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        String uri = request.uri();
        if (!uri.startsWith(OCSP_PREFIX)) {
            return fileAnswer(uri).writeTo(request, response, clock.instant());
        }
        Resolved beans = beans();
        return beans.ocsp().respondToGet(uri.substring(OCSP_PREFIX.length()))
                .flatMap(answer -> {
                    beans.metrics().answered(answer.status());
                    return reactor.core.publisher.Mono.from(answer.http().writeTo(request, response, clock.instant()));
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
        RepositoryAnswer certificate = caCertificates.get(path);
        if (certificate != null) {
            return certificate;
        }
        PkiRepositoryMemory memory = beans().memory();
        if (path.startsWith("/pki/ca/") && path.endsWith(".crt")) {
            return memory.ca(path.substring("/pki/ca/".length(), path.length() - ".crt".length()))
                    .map(ca -> caCertificates.computeIfAbsent(path, p -> caAnswer(ca)))
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
        PublishedCrl latest = memory.latestCrl(caId, delta).orElse(null);
        if (latest == null) {
            return null;
        }
        CrlAnswer held = crls.get(path);
        if (held != null && held.crl() == latest) {
            return held.http();
        }
        CrlAnswer made = new CrlAnswer(latest, crlAnswer(latest));
        crls.put(path, made);
        return made.http();
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
