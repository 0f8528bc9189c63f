package fr.cartesagents.bridge.localapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.personalization.IssuanceException;

/**
 * The bridge's HTTP API for the card portal page, on 127.0.0.1 only (the JDK's HTTP server). Every
 * request passes the {@link RequestGuard} (Host, Origin, pairing token), then a route; bodies are JSON
 * of bounded size; every refusal is an RFC 9457 problem ({@link ApiProblem}). Log lines name the
 * method, path, status and problem kind, never a body.
 *
 * <pre>
 * GET  /v1/status                  no token: the bridge is there
 * POST /v1/pairing                 no token, portal origin only: {code} -> {token}
 * GET  /v1/readers                 PKCS#11 slots and PC/SC readers
 * GET  /v1/card                    card information, no secret  (?token=LABEL or ?reader=NAME picks a card)
 * POST /v1/card/pin/change         {currentPin, newPin}
 * POST /v1/card/pin/unblock        {unblockSecret, newPin}
 * POST /v1/card/signature          {pin, dataBase64, kind: cms|challenge}
 * POST /v1/card/personalization    {pin, orderId, keyType?, resume?}
 * POST /v1/card/renewal            {pin, keyType?} -> {cardSerial, authenticationCsr, signatureCsr}: new keys beside the old
 * POST /v1/card/renewal/certificates {pin, authenticationCertificatePem, signatureCertificatePem}: written, old keys retired
 * </pre>
 */
public final class LocalApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalApiServer.class);
    private static final byte[] NOTHING = new byte[0];
    private static final int WORKERS = 4;

    private final HttpServer server;
    private final ExecutorService workers;
    private final RequestGuard guard;
    private final PairingCode pairingCode;
    private final PairingToken token;
    private final int maxRequestBytes;
    private final Map<String, Map<String, Route>> routes;

    /** What answers one method on one path; whether it needs the pairing token, or a portal page (pairing). */
    private record Route(boolean needsToken, boolean portalOnly, Handler handler) {
    }

    private interface Handler {
        Object handle(ApiRequest request);
    }

    private record PairingRequest(String code) {
    }

    private LocalApiServer(HttpServer server, ExecutorService workers, RequestGuard guard, PairingCode pairingCode,
                           PairingToken token, int maxRequestBytes, CardEndpoints card) {
        this.server = server;
        this.workers = workers;
        this.guard = guard;
        this.pairingCode = pairingCode;
        this.token = token;
        this.maxRequestBytes = maxRequestBytes;
        this.routes = Map.of(
                "/v1/status", Map.of("GET", new Route(false, false, request -> status())),
                "/v1/pairing", Map.of("POST", new Route(false, true, this::pair)),
                "/v1/readers", Map.of("GET", new Route(true, false, card::readers)),
                "/v1/card", Map.of("GET", new Route(true, false, card::card)),
                "/v1/card/pin/change", Map.of("POST", new Route(true, false, card::changePin)),
                "/v1/card/pin/unblock", Map.of("POST", new Route(true, false, card::unblockPin)),
                "/v1/card/signature", Map.of("POST", new Route(true, false, card::sign)),
                "/v1/card/personalization", Map.of("POST", new Route(true, false, card::personalize)),
                "/v1/card/renewal", Map.of("POST", new Route(true, false, card::renewalRequests)),
                "/v1/card/renewal/certificates", Map.of("POST", new Route(true, false, card::renewalCertificates)));
    }

    /**
     * Binds 127.0.0.1 (nothing else, ever) and starts answering; reads or creates the pairing token and
     * draws a new pairing code.
     *
     * @param issuers the registration authority for personalization, and the CA chain for CMS signatures
     */
    public static LocalApiServer start(LocalApiSettings settings, WorkstationCards cards,
                                       Optional<CertificateIssuers> issuers) throws IOException {
        Objects.requireNonNull(settings, "settings");
        PairingToken token = PairingToken.loadOrCreate(settings.tokenFile());
        InetAddress loopback = loopback();
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, settings.port()), 0);
        if (!server.getAddress().getAddress().equals(loopback)) {
            server.stop(0);
            throw new IllegalStateException("The bridge API must listen on 127.0.0.1 only, not " + server.getAddress());
        }
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemonThreads());
        server.setExecutor(workers);
        RequestGuard guard = new RequestGuard(server.getAddress().getPort(), settings.portalOrigins(), token);
        LocalApiServer api = new LocalApiServer(server, workers, guard, PairingCode.draw(), token,
                settings.maxRequestBytes(), new CardEndpoints(cards, issuers));
        server.createContext("/", api::handle);
        server.start();
        LOG.info("Card bridge API listening on {} for {}", api.baseUri(), settings.portalOrigins());
        return api;
    }

    /** 127.0.0.1 itself, not "the loopback address" (which may be ::1). */
    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The code to show to the person who pairs the portal, {@code ABCD-EFGH}. */
    public String pairingCode() {
        return pairingCode.display();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private Object status() {
        String version = LocalApiServer.class.getPackage().getImplementationVersion();
        return Map.of("service", "cartes-bridge", "apiVersion", 1, "version", version == null ? "development build" : version,
                "pairing", pairingCode.state().name().toLowerCase(java.util.Locale.ROOT));
    }

    private Object pair(ApiRequest request) {
        PairingRequest body = request.body(PairingRequest.class);
        return switch (pairingCode.redeem(CardRequests.required(body.code(), "code"))) {
            case ACCEPTED -> Map.of("token", token.value());
            case WRONG -> throw ApiProblem.of("pairing-refused", 403, "This is not the pairing code the bridge printed");
            case NOT_OPEN -> throw ApiProblem.of("pairing-closed", 410,
                    "The pairing code was used or tried too many times: restart the bridge for a new code");
        };
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Headers request = exchange.getRequestHeaders();
        ProblemTexts texts = ProblemTexts.forAcceptLanguage(request.getFirst("Accept-Language"));
        exchange.getResponseHeaders().set("Vary", "Origin, Accept-Language");
        byte[] body = NOTHING;
        int status = 500;
        String outcome = "";
        try {
            try (ReceivedPins pins = new ReceivedPins()) {
                guard.checkHost(request);
                Optional<String> origin = guard.portalOrigin(request);
                origin.ifPresent(allowed -> RequestGuard.allowOrigin(exchange.getResponseHeaders(), allowed));
                if (method.equals("OPTIONS")) {
                    RequestGuard.allowPreflight(request, exchange.getResponseHeaders());
                    status = 204;
                    send(exchange, status, null, NOTHING);
                    return;
                }
                Route route = route(method, path);
                if (route.portalOnly() && origin.isEmpty()) {
                    throw ApiProblem.of("forbidden-origin", 403, "Pairing is for the portal page only");
                }
                if (route.needsToken()) {
                    guard.checkToken(request);
                }
                if (method.equals("POST")) {
                    RequestGuard.checkJson(request);
                    body = readBody(exchange);
                }
                Object answer = route.handler().handle(ApiRequest.of(exchange.getRequestURI().getRawQuery(), body, pins, origin));
                status = 200;
                send(exchange, status, "application/json", SecretJson.write(answer));
            }
        } catch (ApiProblem | CardException | IssuanceException e) {
            ApiProblem problem = asProblem(e);
            status = problem.status();
            outcome = " " + problem.kind();
            LOG.debug("{} {} refused: {}", method, path, problem.getMessage());
            sendProblem(exchange, problem, texts);
        } catch (RuntimeException e) {
            outcome = " internal";
            LOG.error("{} {} failed", method, path, e);
            sendProblem(exchange, ApiProblem.of("internal", 500), texts);
        } finally {
            Arrays.fill(body, (byte) 0);
            exchange.close();
            LOG.info("{} {} -> {}{}", method, path, status, outcome);
        }
    }

    private Route route(String method, String path) {
        Map<String, Route> byMethod = routes.get(path);
        if (byMethod == null) {
            throw ApiProblem.of("not-found", 404, "No operation at " + path);
        }
        Route route = byMethod.get(method);
        if (route == null) {
            throw ApiProblem.of("method-not-allowed", 405, path + " takes " + String.join(", ", byMethod.keySet()));
        }
        return route;
    }

    private static ApiProblem asProblem(RuntimeException e) {
        if (e instanceof ApiProblem problem) {
            return problem;
        }
        if (e instanceof CardException card) {
            return ApiProblem.of(card);
        }
        return ApiProblem.of("registration-authority", 502, e.getMessage());
    }

    /**
     * The body, up to the limit: a longer one is refused (413). Its rest is read and thrown away
     * first (up to {@link #DRAIN_LIMIT}), because a client still sending when the connection
     * closes never sees the 413.
     */
    private byte[] readBody(HttpExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > maxRequestBytes) {
                    drain(exchange);
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("Content-Length is not a number");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxRequestBytes + 1);
            if (body.length > maxRequestBytes) {
                Arrays.fill(body, (byte) 0);
                drain(exchange);
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw ApiProblem.badRequest("The request body could not be read");
        }
    }

    private static void drain(HttpExchange exchange) {
        try {
            InputStream in = exchange.getRequestBody();
            byte[] discard = new byte[8192];
            long total = 0;
            for (int read; total < DRAIN_LIMIT && (read = in.read(discard)) > 0; ) {
                total += read;
            }
            Arrays.fill(discard, (byte) 0);
        } catch (IOException e) {
            LOG.debug("The client left while its oversized request was discarded: {}", e.toString());
        }
    }

    private ApiProblem tooLarge() {
        return ApiProblem.of("payload-too-large", 413, "The bridge accepts request bodies of up to " + maxRequestBytes + " bytes");
    }

    /** How much of an oversized body is read and thrown away before the 413 (beyond it, the connection just closes). */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private static void sendProblem(HttpExchange exchange, ApiProblem problem, ProblemTexts texts) {
        if (problem.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"cartes-bridge\"");
        }
        if (problem.status() == 413) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.getResponseHeaders().set("Content-Language", texts.language());
        send(exchange, problem.status(), "application/problem+json", SecretJson.write(problem.toJson(texts)));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] content) {
        Headers response = exchange.getResponseHeaders();
        if (contentType != null) {
            response.set("Content-Type", contentType);
        }
        response.set("Cache-Control", "no-store");
        response.set("X-Content-Type-Options", "nosniff");
        try {
            exchange.sendResponseHeaders(status, content.length == 0 ? -1 : content.length);
            if (content.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(content);
                }
            }
        } catch (IOException e) {
            LOG.debug("The client left before the answer: {}", e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "bridge-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
