package fr.cartesagents.ra.portal;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ServerWebExchange;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTarget;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.security.PortalSession;
import fr.cartesagents.ra.security.PortalSessionLookup;
import fr.cartesagents.ra.security.SessionOnAnotherCertificate;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * The portal sessions in PostgreSQL ({@code portal_session}, V90): opened at login, looked up on
 * every request that carries the cookie (which also resets the inactivity clock, in the same
 * statement), deleted at logout, and swept once ended. The cookie value is 256 random bits; only
 * its SHA-256 is stored. A session opened with a card's certificate is bound to it: presented on a
 * connection with another client certificate, or none, it is ended at once (a cookie copied to
 * another machine is worth nothing there).
 */
@Component
class PortalSessionStore implements PortalSessionLookup {

    /** A lookup of the database must not hold a request: past this it fails (503 by the problem handler). */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    private static final String EXCHANGE_ATTRIBUTE = PortalSessionStore.class.getName() + ".live";
    private static final Base64.Encoder TOKENS = Base64.getUrlEncoder().withoutPadding();
    private static final Logger LOG = LoggerFactory.getLogger(PortalSessionStore.class);

    private final DatabaseClient database;
    private final PortalSessionSettings settings;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PortalSessionStore(DatabaseClient database, PortalSessionSettings settings, AuditTrail audit, TransactionalOperator transactions,
                       Clock clock) {
        this.database = database;
        this.settings = settings;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A session just opened: the cookie value to hand to the browser, and its CSRF token. */
    record Opened(String cookieValue, String csrfToken, Instant expiresAt) {
    }

    /** Opens a session; part of the caller's transaction (with its audit event). */
    Mono<Opened> open(PortalSession.Login login) {
        String cookieValue = randomToken();
        String csrfToken = randomToken();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.maximumLifetime());
        DatabaseClient.GenericExecuteSpec insert = database.sql("insert into portal_session (token_hash, login_kind, certificate,"
                        + " certificate_presented_directly, demo_person_id, demo_user, csrf_token, created_at, last_seen_at, expires_at)"
                        + " values (:hash, :kind, :certificate, :direct, :demoPerson, :demoUser, :csrf, :now, :now, :expires)")
                .bind("hash", hash(cookieValue))
                .bind("csrf", csrfToken)
                .bind("now", utc(now))
                .bind("expires", utc(expiresAt));
        if (login instanceof PortalSession.CardCertificate card) {
            insert = insert.bind("kind", "card_certificate").bind("certificate", der(card.certificate()))
                    .bind("direct", card.presentedDirectly())
                    .bind("demoPerson", Parameter.empty(UUID.class)).bind("demoUser", Parameter.empty(String.class));
        } else {
            PortalSession.DemoUser demo = (PortalSession.DemoUser) login;
            insert = insert.bind("kind", "demo").bind("certificate", Parameter.empty(byte[].class))
                    .bind("direct", Parameter.empty(Boolean.class))
                    .bind("demoPerson", demo.personId()).bind("demoUser", demo.userName());
        }
        return insert.then().timeout(QUERY_TIMEOUT).thenReturn(new Opened(cookieValue, csrfToken, expiresAt));
    }

    @Override
    public Mono<PortalSession> live(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie == null || cookie.getValue().isBlank() || cookie.getValue().length() > 128) {
            return Mono.empty();
        }
        @SuppressWarnings("unchecked")
        Mono<PortalSession> cached = (Mono<PortalSession>) exchange.getAttributes()
                .computeIfAbsent(EXCHANGE_ATTRIBUTE, key -> touch(cookie.getValue())
                        .flatMap(session -> presentedWithItsCertificate(session, exchange) ? Mono.just(session)
                                : endOnAnotherCertificate(cookie.getValue(), session, exchange))
                        .cache());
        return cached;
    }

    /**
     * A card session is used on a connection that presents the same certificate (compared by its
     * DER encoding, as its SHA-256 fingerprint would be). A request whose caller's certificate a
     * front forwards is authenticated by that certificate, not by the session: nothing to compare.
     */
    private static boolean presentedWithItsCertificate(PortalSession session, ServerWebExchange exchange) {
        if (!(session.login() instanceof PortalSession.CardCertificate card) || PortalSessionLookup.forwardedByAFront(exchange)) {
            return true;
        }
        SslInfo ssl = exchange.getRequest().getSslInfo();
        X509Certificate[] presented = ssl == null ? null : ssl.getPeerCertificates();
        return presented != null && presented.length > 0 && Arrays.equals(der(presented[0]), der(card.certificate()));
    }

    /** Ends the session (with its audit event) and refuses the request: whoever holds this cookie there is not its person. */
    private Mono<PortalSession> endOnAnotherCertificate(String cookieValue, PortalSession session, ServerWebExchange exchange) {
        X509Certificate certificate = ((PortalSession.CardCertificate) session.login()).certificate();
        // The certificate's serial only: the subject names a person
        LOG.warn("A portal session of certificate {} was presented from {} with another client certificate or none: session ended",
                certificate.getSerialNumber().toString(16), exchange.getRequest().getRemoteAddress());
        AuditEntry ended = new AuditEntry("portal session cookie on another connection", PortalSessionEvent.ENDED.auditName(),
                new AuditTarget("certificate", certificate.getSerialNumber().toString(16)).toString(),
                Map.of("reason", "another-certificate"), Optional.empty(),
                Optional.ofNullable(exchange.getRequest().getRemoteAddress()).map(address -> address.getAddress().getHostAddress()));
        return transactions.transactional(database.sql("delete from portal_session where token_hash = :hash")
                        .bind("hash", hash(cookieValue)).then().then(audit.append(ended)))
                .timeout(QUERY_TIMEOUT)
                .then(Mono.error(new SessionOnAnotherCertificate()));
    }

    /** The live session of this cookie value, its last activity set to now; empty when it has ended. */
    private Mono<PortalSession> touch(String cookieValue) {
        Instant now = clock.instant();
        return database.sql("update portal_session set last_seen_at = :now"
                        + " where token_hash = :hash and last_seen_at > :idleLimit and expires_at > :now"
                        + " returning login_kind, certificate, certificate_presented_directly, demo_person_id, demo_user, csrf_token")
                .bind("now", utc(now))
                .bind("hash", hash(cookieValue))
                .bind("idleLimit", utc(now.minus(settings.idleTimeout())))
                .map(PortalSessionStore::session)
                .one()
                .timeout(QUERY_TIMEOUT);
    }

    /** Ends the session of this request's cookie, if any (logout): whether there was one. */
    Mono<Boolean> end(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie == null) {
            return Mono.just(false);
        }
        return database.sql("delete from portal_session where token_hash = :hash").bind("hash", hash(cookie.getValue()))
                .fetch().rowsUpdated().map(deleted -> deleted > 0).timeout(QUERY_TIMEOUT);
    }

    /** Deletes the sessions that have ended; several nodes may run it at once, a delete is harmless twice. */
    @Scheduled(fixedDelayString = "${cartes.portal.session.sweep-interval:PT10M}", initialDelayString = "${cartes.portal.session.sweep-interval:PT10M}")
    void sweep() {
        Instant now = clock.instant();
        database.sql("delete from portal_session where expires_at <= :now or last_seen_at <= :idleLimit")
                .bind("now", utc(now)).bind("idleLimit", utc(now.minus(settings.idleTimeout())))
                .then().timeout(Duration.ofMinutes(1)).onErrorComplete().block();
    }

    Duration idleTimeout() {
        return settings.idleTimeout();
    }

    Duration maximumLifetime() {
        return settings.maximumLifetime();
    }

    private static PortalSession session(Readable row) {
        String csrf = row.get("csrf_token", String.class);
        if ("card_certificate".equals(row.get("login_kind", String.class))) {
            return new PortalSession(new PortalSession.CardCertificate(certificate(row.get("certificate", byte[].class)),
                    Boolean.TRUE.equals(row.get("certificate_presented_directly", Boolean.class))), csrf);
        }
        return new PortalSession(new PortalSession.DemoUser(row.get("demo_person_id", UUID.class), row.get("demo_user", String.class)),
                csrf);
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKENS.encodeToString(bytes);
    }

    private static byte[] hash(String cookieValue) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(cookieValue.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Unreadable card certificate", e);
        }
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("A stored portal session holds an unreadable certificate", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
