package fr.cartesagents.ra.security;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The authentication modes of the API, all ending in the same kind of {@link Authentication}
 * (principal {@link CallerPrincipal} or {@link DemoPrincipal}, details = {@link AuthenticationOrigin}):
 * <ul>
 * <li>the TLS client certificate of the connection (the handshake has checked that it chains to
 * our issuing CA and is within its validity): refused if our records say it is revoked, or if
 * they do not know it at all, unless it is an administrator's (the key ceremony may have issued
 * those outside the API);</li>
 * <li>a user's certificate forwarded by a trusted front in {@code X-Client-Certificate}: only when
 * the connection's own certificate is a trusted front's; the forwarded one is checked again
 * (chain, validity, usage, our records) and never carries administrator rights;</li>
 * <li>a demo bearer token, when the demo is on ({@link DemoEnabled}; never under the production profile);</li>
 * <li>the card portal's session cookie ({@link PortalSessionLookup}), which stands for the card
 * certificate the session was opened with (checked again like a direct one, so the same actor)
 * or for a demo user while the demo login exists; a card session only on a connection that presents
 * that certificate (else it is ended and an API request gets 401).</li>
 * </ul>
 */
final class ClientCertificateAuthentication implements ServerAuthenticationConverter, ReactiveAuthenticationManager {

    static final String ADMIN_ROLE = "ADMIN";
    private static final Logger LOG = LoggerFactory.getLogger(ClientCertificateAuthentication.class);
    private static final String BEARER = "Bearer ";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final AdministratorRegistry administrators;
    private final TrustedFronts fronts;
    private final CertificateStanding standing;
    private final List<X509Certificate> issuers;
    private final Optional<DemoTokens> demoTokens;
    private final Clock clock;
    private final Optional<PortalSessionLookup> portalSessions;
    private final Optional<SupersededCertificateUse> supersededUse;

    ClientCertificateAuthentication(AdministratorRegistry administrators, TrustedFronts fronts, CertificateStanding standing,
                                    ServerTlsMaterial tls, Optional<DemoTokens> demoTokens, Clock clock) {
        this(administrators, fronts, standing, tls, demoTokens, clock, Optional.empty(), Optional.empty());
    }

    ClientCertificateAuthentication(AdministratorRegistry administrators, TrustedFronts fronts, CertificateStanding standing,
                                    ServerTlsMaterial tls, Optional<DemoTokens> demoTokens, Clock clock,
                                    Optional<PortalSessionLookup> portalSessions, Optional<SupersededCertificateUse> supersededUse) {
        this.portalSessions = portalSessions;
        this.supersededUse = supersededUse;
        this.administrators = administrators;
        this.fronts = fronts;
        this.standing = standing;
        this.issuers = tls.clientCertificateIssuers();
        this.demoTokens = demoTokens;
        this.clock = clock;
    }

    /** What the request presents, before anything is checked. */
    private sealed interface Presented permits Direct, Forwarded, DemoBearer, InPortalSession {
    }

    private record InPortalSession(PortalSession.Login login, SupersededCertificateUse.Request request) implements Presented {
    }

    private record Direct(X509Certificate certificate, SupersededCertificateUse.Request request) implements Presented {
    }

    private record Forwarded(Optional<X509Certificate> connection, String header, String remoteAddress,
                             SupersededCertificateUse.Request request) implements Presented {
    }

    private record DemoBearer(String token) implements Presented {
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        Optional<X509Certificate> connection = connectionCertificate(exchange.getRequest().getSslInfo());
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String forwarded = headers.getFirst(ForwardedCertificate.HEADER);
        SupersededCertificateUse.Request line = new SupersededCertificateUse.Request(exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().pathWithinApplication().value(),
                Optional.ofNullable(headers.getFirst(IDEMPOTENCY_KEY)));
        Presented presented = null;
        if (forwarded != null) {
            presented = new Forwarded(connection, forwarded, String.valueOf(exchange.getRequest().getRemoteAddress()), line);
        } else if (connection.isPresent()) {
            presented = new Direct(connection.get(), line);
        } else {
            String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
            if (demoTokens.isPresent() && authorization != null && authorization.startsWith(BEARER)) {
                presented = new DemoBearer(authorization.substring(BEARER.length()).trim());
            }
        }
        Mono<Presented> found = Mono.justOrEmpty(presented);
        if (forwarded == null && portalSessions.isPresent()) {
            // A live portal session comes first: it is what the person chose to log in with
            Mono<Presented> withoutSession = found;
            found = portalSessions.get().live(exchange).<Presented>map(session -> new InPortalSession(session.login(), line))
                    .switchIfEmpty(withoutSession)
                    // A card session on another certificate's connection (ended by the lookup): the API refuses the request;
                    // the portal's pages, and the login that opens a new session, go on with what the connection presents
                    .onErrorResume(SessionOnAnotherCertificate.class, refused -> exchange.getRequest().getPath()
                            .pathWithinApplication().value().startsWith("/api/") ? Mono.error(refused) : withoutSession);
        }
        return found.map(p -> new PreAuthenticatedAuthenticationToken(p, p));
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        Presented presented = (Presented) authentication.getPrincipal();
        if (presented instanceof Direct direct) {
            return certificate(direct.certificate(), true, direct.request());
        }
        if (presented instanceof Forwarded forwarded) {
            return forwarded(forwarded);
        }
        if (presented instanceof InPortalSession session) {
            return inPortalSession(session.login(), session.request());
        }
        String token = ((DemoBearer) presented).token();
        return demoTokens.flatMap(tokens -> tokens.verify(token))
                .map(user -> Mono.just(authenticated(user, null, AuthenticationOrigin.DEMO, false)))
                .orElseGet(() -> Mono.error(new BadCredentialsException("The demo login token is invalid or has expired")));
    }

    private Mono<Authentication> inPortalSession(PortalSession.Login login, SupersededCertificateUse.Request request) {
        if (login instanceof PortalSession.CardCertificate card) {
            return certificate(card.certificate(), card.presentedDirectly(), request);
        }
        PortalSession.DemoUser demo = (PortalSession.DemoUser) login;
        return demoTokens.isPresent()
                ? Mono.just(authenticated(new DemoPrincipal(demo.personId(), demo.userName()), null, AuthenticationOrigin.DEMO, false))
                : Mono.error(new BadCredentialsException("The demo login is not enabled on this server"));
    }

    private Mono<Authentication> forwarded(Forwarded forwarded) {
        if (forwarded.connection().isEmpty()) {
            return refuseForwarding(forwarded.remoteAddress(), "no client certificate");
        }
        String frontFingerprint = fingerprint(forwarded.connection().get());
        return fronts.isTrusted(frontFingerprint).flatMap(trusted -> {
            if (!trusted) {
                return refuseForwarding(forwarded.remoteAddress(), "client certificate sha256 " + frontFingerprint);
            }
            return standing.of(forwarded.connection().get()).map(CertificateStanding.Checked::standing).flatMap(front -> {
                if (front == CertificateStanding.Standing.REVOKED || front == CertificateStanding.Standing.NOT_THE_ONE_ON_RECORD) {
                    return Mono.error(new BadCredentialsException("The front's client certificate is revoked"));
                }
                X509Certificate user = ForwardedCertificate.verify(forwarded.header(), issuers, clock);
                return certificate(user, false, forwarded.request());
            });
        });
    }

    private static Mono<Authentication> refuseForwarding(String remoteAddress, String connection) {
        // The header's content is personal data from an untrusted party: never logged.
        LOG.warn("Refused an {} header from {} ({}), which is not a trusted front", ForwardedCertificate.HEADER, remoteAddress,
                connection);
        return Mono.error(new BadCredentialsException(
                "Only a trusted front may forward a client certificate in " + ForwardedCertificate.HEADER));
    }

    /**
     * A certificate that chains to our CA: the records decide, administrators only on a direct connection.
     * A revoked one only for the one request its {@link SupersededCertificateUse} may still allow.
     */
    private Mono<Authentication> certificate(X509Certificate certificate, boolean direct, SupersededCertificateUse.Request request) {
        String fingerprint = fingerprint(certificate);
        Mono<Boolean> administrator = direct ? administrators.isAdministrator(fingerprint) : Mono.just(false);
        return Mono.zip(standing.of(certificate), administrator).flatMap(found -> {
            boolean admin = found.getT2();
            CallerPrincipal caller = new CallerPrincipal(fingerprint, certificate.getSerialNumber(),
                    certificate.getSubjectX500Principal().getName(), found.getT1().holderId());
            return switch (found.getT1().standing()) {
                case REVOKED -> supersededUse.map(use -> use.allows(certificate.getSerialNumber(), request)).orElse(Mono.just(false))
                        .flatMap(allowed -> allowed
                                ? Mono.just(authenticated(caller, certificate, AuthenticationOrigin.SUPERSEDED_CERTIFICATE, false))
                                : Mono.error(new BadCredentialsException("The client certificate is revoked")));
                case NOT_THE_ONE_ON_RECORD -> Mono.error(new BadCredentialsException(
                        "The client certificate is not the one this registration authority issued under its serial"));
                case UNKNOWN -> admin
                        ? Mono.just(authenticated(caller, certificate, AuthenticationOrigin.ADMINISTRATOR_CERTIFICATE, true))
                        : Mono.error(new BadCredentialsException("The client certificate is not on record at this registration authority"));
                case GOOD -> Mono.just(authenticated(caller, certificate,
                        admin ? AuthenticationOrigin.ADMINISTRATOR_CERTIFICATE
                                : direct ? AuthenticationOrigin.CLIENT_CERTIFICATE : AuthenticationOrigin.TRUSTED_FRONT, admin));
            };
        });
    }

    private static Authentication authenticated(Object principal, Object credentials, String origin, boolean administrator) {
        var authorities = administrator ? List.of(new SimpleGrantedAuthority("ROLE_" + ADMIN_ROLE)) : List.<SimpleGrantedAuthority>of();
        PreAuthenticatedAuthenticationToken authenticated = new PreAuthenticatedAuthenticationToken(principal, credentials, authorities);
        authenticated.setDetails(origin);
        return authenticated;
    }

    private static Optional<X509Certificate> connectionCertificate(SslInfo ssl) {
        if (ssl == null || ssl.getPeerCertificates() == null || ssl.getPeerCertificates().length == 0) {
            return Optional.empty();
        }
        return Optional.of(ssl.getPeerCertificates()[0]);
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return CertificateFingerprint.sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new BadCredentialsException("Unreadable client certificate");
        }
    }
}
