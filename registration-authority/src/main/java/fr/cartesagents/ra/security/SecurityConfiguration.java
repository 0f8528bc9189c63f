package fr.cartesagents.ra.security;

import java.time.Clock;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import fr.cartesagents.ra.problem.Problem;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemMessages;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.problem.ProblemWriter;

/**
 * Who may do what: the PKI repository and the health probe are public; the API needs an
 * authenticated caller ({@link ClientCertificateAuthentication}: 401 without one, or with a revoked
 * or unknown certificate), and its admin part an administrator's certificate (403 otherwise). The
 * demo login, the audit signer's certificate and the card portal's static pages and login are public. The API
 * keeps no server-side state of its own; the card portal's session (a cookie, {@link PortalSessionLookup}) is
 * one more way in, and state-changing requests made with it need its anti-CSRF token ({@link PortalSessionCsrf}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** The portal's static pages, its session (login, logout) and the public no-card pages. */
    static final String[] PORTAL_PUBLIC_PATHS = {"/", "/portail", "/portail/**", "/favicon.ico"};

    /** Also the one ReactiveAuthenticationManager: Spring Boot then creates no user with a generated password. */
    @Bean
    ClientCertificateAuthentication clientCertificateAuthentication(AdministratorRegistry administrators, TrustedFronts fronts,
                                                                    CertificateStanding standing, ServerTlsMaterial tls,
                                                                    ObjectProvider<DemoTokens> demoTokens, Clock clock,
                                                                    ObjectProvider<PortalSessionLookup> portalSessions,
                                                                    ObjectProvider<SupersededCertificateUse> supersededUse) {
        return new ClientCertificateAuthentication(administrators, fronts, standing, tls,
                Optional.ofNullable(demoTokens.getIfAvailable()), clock, Optional.ofNullable(portalSessions.getIfAvailable()),
                Optional.ofNullable(supersededUse.getIfAvailable()));
    }

    /**
     * The default firewall, except that URL-encoded slashes are allowed: the GET form of OCSP puts
     * base64, whose '/' is sent as %2F, in the path (RFC 6960 appendix A.1).
     */
    @Bean
    ServerWebExchangeFirewall serverWebExchangeFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedDoubleSlash(true);
        return firewall;
    }

    /** A request the firewall rejects gets a problem document too. */
    @Bean
    ServerExchangeRejectedHandler serverExchangeRejectedHandler(ProblemWriter problems) {
        return (exchange, rejected) -> problems.write(exchange, ProblemException.localized(ProblemType.BAD_REQUEST,
                "request.rejected", rejected.getMessage()));
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ClientCertificateAuthentication authentication,
                                                  ProblemWriter problems, ObjectProvider<PortalSessionLookup> portalSessions) {
        var entryPoint = (org.springframework.security.web.server.ServerAuthenticationEntryPoint) (exchange, error) ->
                problems.write(exchange, error.getMessage() != null
                        && error instanceof org.springframework.security.authentication.BadCredentialsException
                        ? Problem.of(ProblemType.UNAUTHENTICATED, error.getMessage())
                        : Problem.of(ProblemException.localized(ProblemType.UNAUTHENTICATED, "security.certificate-required"),
                                ProblemMessages.of(exchange)));
        AuthenticationWebFilter certificateFilter = new AuthenticationWebFilter(authentication);
        certificateFilter.setServerAuthenticationConverter(authentication);
        certificateFilter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
        certificateFilter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        return http
                .csrf(csrf -> PortalSessionCsrf.configure(csrf, Optional.ofNullable(portalSessions.getIfAvailable()), problems))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(certificateFilter, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(rules -> rules
                        .pathMatchers("/pki", "/pki/**", "/actuator/health", "/actuator/health/**").permitAll()
                        // on the management listener only, bound to the loopback unless the operator says otherwise
                        .pathMatchers("/actuator/prometheus").permitAll()
                        .pathMatchers("/api/v1/openapi.json", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        // The card portal's pages and its login: they must reach a browser without a card
                        .pathMatchers(PORTAL_PUBLIC_PATHS).permitAll()
                        // Exists only when the demo is on (DemoEnabled); 404 otherwise
                        .pathMatchers(HttpMethod.POST, DemoTokens.LOGIN_PATH).permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/v1/audit/signer-certificate").permitAll()
                        // A holder without their card (lost, stolen, blocked) has no certificate to present: these
                        // routes authenticate by what only the holder has (a personal code, a mailed code or link),
                        // rate-limited and audited by the features themselves.
                        .pathMatchers(HttpMethod.POST, "/api/v1/card-revocations", "/api/v1/card-revocation-requests",
                                "/api/v1/cards/*/unblock").permitAll()
                        .pathMatchers("/api/v1/admin/**").hasRole(ClientCertificateAuthentication.ADMIN_ROLE)
                        .anyExchange().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((exchange, denied) -> problems.write(exchange, ProblemException.localized(
                                ProblemType.FORBIDDEN, "security.not-administrator"))))
                .build();
    }
}
