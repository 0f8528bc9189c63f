package fr.cartesagents.ra.security;

import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

import fr.cartesagents.ra.problem.Problem;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.problem.ProblemWriter;
import reactor.core.publisher.Mono;

/**
 * Spring Security's CSRF filter for the portal session, with a synchronizer token: the token was
 * drawn when the session was opened and is kept with it in the database (so any node checks it),
 * and every state-changing request that carries the session cookie must repeat it in
 * {@link PortalSessionLookup#CSRF_HEADER}. Requests without the session cookie (API clients with a
 * certificate or a bearer token, which a foreign page cannot make a browser send) are not
 * concerned. The token is compared as Spring Security does (constant time).
 */
final class PortalSessionCsrf {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private PortalSessionCsrf() {
    }

    static void configure(ServerHttpSecurity.CsrfSpec csrf, Optional<PortalSessionLookup> sessions, ProblemWriter problems) {
        if (sessions.isEmpty()) {
            csrf.disable();
            return;
        }
        csrf.csrfTokenRepository(new SessionTokens(sessions.get()))
                .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                .requireCsrfProtectionMatcher(exchange -> stateChangeInSession(exchange, sessions.get()))
                .accessDeniedHandler((exchange, denied) -> problems.write(exchange, Problem.of(ProblemType.FORBIDDEN,
                        "This request of a portal session lacks the session's anti-CSRF token in "
                                + PortalSessionLookup.CSRF_HEADER + ", or the session has ended")));
    }

    /**
     * A state change that carries the session cookie, except the login. A card session presented on
     * another certificate's connection is not checked here: its lookup ends it, and the request is
     * then refused as unauthenticated (401) rather than for its token.
     */
    private static Mono<ServerWebExchangeMatcher.MatchResult> stateChangeInSession(ServerWebExchange exchange,
                                                                                  PortalSessionLookup sessions) {
        boolean inSession = exchange.getRequest().getCookies().getFirst(PortalSessionLookup.COOKIE) != null;
        boolean login = HttpMethod.POST.equals(exchange.getRequest().getMethod())
                && PortalSessionLookup.LOGIN_PATH.equals(exchange.getRequest().getPath().pathWithinApplication().value());
        if (!inSession || login || SAFE.contains(exchange.getRequest().getMethod())) {
            return ServerWebExchangeMatcher.MatchResult.notMatch();
        }
        return sessions.live(exchange).then(ServerWebExchangeMatcher.MatchResult.match())
                .onErrorResume(SessionOnAnotherCertificate.class, ended -> ServerWebExchangeMatcher.MatchResult.notMatch());
    }

    /** Reads the token of the request's session; tokens are minted with the session, never here. */
    private record SessionTokens(PortalSessionLookup sessions) implements ServerCsrfTokenRepository {

        @Override
        public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
            return Mono.empty();
        }

        @Override
        public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
            return sessions.live(exchange)
                    .<CsrfToken>map(session -> new DefaultCsrfToken(PortalSessionLookup.CSRF_HEADER, "_csrf", session.csrfToken()))
                    .onErrorResume(SessionOnAnotherCertificate.class, ended -> Mono.empty());
        }
    }
}
