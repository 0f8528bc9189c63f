package fr.cartesagents.ra.portal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTarget;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.demo.DemoAccounts;
import fr.cartesagents.ra.security.PortalLogins;
import fr.cartesagents.ra.security.PortalSession;
import fr.cartesagents.ra.security.PortalSessionLookup;
import fr.cartesagents.ra.security.SessionOnAnotherCertificate;
import io.swagger.v3.oas.annotations.Hidden;
import reactor.core.publisher.Mono;

/**
 * The card portal's session: {@code POST /portail/session} opens one for whoever the request
 * authenticates (the card's TLS client certificate, or a demo bearer token from
 * {@code POST /api/v1/demo/login}); {@code GET} tells the page whether it is logged in and gives it
 * the anti-CSRF token; {@code DELETE} logs out. {@code GET /portail/session/options} tells the login
 * page whether the demo login exists and lists its users.
 */
@RestController
@Hidden
class PortalSessionController {

    static final String PATH = PortalSessionLookup.LOGIN_PATH;

    private final PortalSessionStore sessions;
    private final TransactionalOperator transactions;
    private final AuditTrail audit;
    private final ObjectProvider<DemoAccounts> demoAccounts;
    private final CardQueries cards;
    private final CardTransitions cardTransitions;

    PortalSessionController(PortalSessionStore sessions, TransactionalOperator transactions, AuditTrail audit,
                            ObjectProvider<DemoAccounts> demoAccounts, CardQueries cards, CardTransitions cardTransitions) {
        this.cards = cards;
        this.cardTransitions = cardTransitions;
        this.sessions = sessions;
        this.transactions = transactions;
        this.audit = audit;
        this.demoAccounts = demoAccounts;
    }

    /** What the page knows of its session. Never the cookie itself, which scripts cannot read. */
    record SessionView(String csrfToken, long idleTimeoutSeconds, Instant expiresAt, String loggedInWith) {
    }

    record DemoUserView(String user, String name, String role) {
    }

    record LoginOptions(boolean demo, List<DemoUserView> demoUsers) {
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<SessionView>> open(Actor actor, ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .flatMap(authentication -> Mono.justOrEmpty(PortalLogins.of(authentication)))
                .switchIfEmpty(Mono.error(() -> new ProblemException(ProblemType.UNAUTHENTICATED,
                        "A portal session is opened with the card's certificate or the demo login")))
                .flatMap(login -> transactions.transactional(sessions.end(exchange).then(sessions.open(login))
                        .flatMap(opened -> audit.append(AuditEntry.by(actor, Optional.empty(), PortalSessionEvent.OPENED, target(actor),
                                        Map.of("login", kind(login))))
                                .then(pinWorks(actor, login))
                                .thenReturn(opened)))
                        .map(opened -> ResponseEntity.status(HttpStatus.CREATED)
                                .header("Set-Cookie", cookie(opened.cookieValue(), sessions.maximumLifetime()).toString())
                                .body(new SessionView(opened.csrfToken(), sessions.idleTimeout().toSeconds(), opened.expiresAt(),
                                        kind(login)))));
    }

    /** 401 without any credential; 404 for a caller who is authenticated (by a certificate) but in no live session. */
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<SessionView>> current(Actor actor, ServerWebExchange exchange) {
        return sessions.live(exchange)
                .onErrorResume(SessionOnAnotherCertificate.class, ended -> Mono.empty())
                .map(session -> ResponseEntity.ok(new SessionView(session.csrfToken(), sessions.idleTimeout().toSeconds(), null,
                        kind(session.login()))))
                .switchIfEmpty(Mono.error(() -> new ProblemException(ProblemType.NOT_FOUND, "No portal session, or it has ended")));
    }

    /** Logout: ends the session of the cookie (recorded in the audit trail when there was one) and clears the cookie. */
    @DeleteMapping(path = PATH)
    Mono<ResponseEntity<Void>> logout(Actor actor, ServerWebExchange exchange) {
        return transactions.transactional(sessions.end(exchange)
                        .filter(Boolean::booleanValue)
                        .flatMap(ended -> audit.append(AuditEntry.by(actor, Optional.empty(), PortalSessionEvent.ENDED, target(actor),
                                Map.of("reason", "logout")))))
                .thenReturn(ResponseEntity.noContent().header("Set-Cookie", cookie("", Duration.ZERO).toString()).build());
    }

    @GetMapping(path = PATH + "/options", produces = MediaType.APPLICATION_JSON_VALUE)
    LoginOptions options() {
        DemoAccounts demo = demoAccounts.getIfAvailable();
        return demo == null ? new LoginOptions(false, List.of())
                : new LoginOptions(true, demo.accounts().stream()
                        .map(account -> new DemoUserView(account.userName(), account.displayName(), account.role().databaseName()))
                        .toList());
    }

    /**
     * A login with the card's authentication certificate took its PIN (the middleware asked for it):
     * a card recorded as blocked works again.
     */
    private Mono<Void> pinWorks(Actor actor, PortalSession.Login login) {
        if (!(login instanceof PortalSession.CardCertificate card)) {
            return Mono.empty();
        }
        String serial = card.certificate().getSerialNumber().toString(16);
        return cards.findByCertificateSerial(serial)
                .filter(found -> found.authenticationSerial().equals(serial) && found.pinBlockedSince().isPresent())
                .flatMap(found -> cardTransitions.pinWorks(actor, found, "card-login"));
    }

    /** The person logged in, or for an administrator certificate of no person, the caller. */
    private static AuditTarget target(Actor actor) {
        return actor.personId().map(id -> AuditTarget.of("person", id)).orElseGet(() -> new AuditTarget("caller", actor.auditName()));
    }

    private static String kind(PortalSession.Login login) {
        return login instanceof PortalSession.CardCertificate ? "card-certificate" : "demo";
    }

    /** {@code __Host-}: Secure, no Domain, Path=/; HttpOnly; SameSite=Strict (the portal never needs it from another site). */
    private static ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(PortalSessionLookup.COOKIE, value)
                .secure(true).httpOnly(true).sameSite("Strict").path("/").maxAge(maxAge).build();
    }
}
