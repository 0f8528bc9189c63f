package fr.cartesagents.ra.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import fr.cartesagents.ra.problem.Problem;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.problem.ProblemWriter;

/**
 * Who may do what: the PKI repository and the health probe are public; the API needs a client
 * certificate (401 without one, or with a revoked one), and its admin part an administrator's
 * (403 otherwise). Stateless: no session, no cookie, so no CSRF token either.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** Also the one ReactiveAuthenticationManager: Spring Boot then creates no user with a generated password. */
    @Bean
    ClientCertificateAuthentication clientCertificateAuthentication(AdministratorRegistry administrators) {
        return new ClientCertificateAuthentication(administrators);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ClientCertificateAuthentication authentication,
                                                  ProblemWriter problems) {
        var entryPoint = (org.springframework.security.web.server.ServerAuthenticationEntryPoint) (exchange, error) ->
                problems.write(exchange, Problem.of(ProblemType.UNAUTHENTICATED,
                        error.getMessage() != null && error instanceof org.springframework.security.authentication.BadCredentialsException
                                ? error.getMessage()
                                : "This endpoint needs a TLS client certificate issued by this CA"));
        AuthenticationWebFilter certificateFilter = new AuthenticationWebFilter(authentication);
        certificateFilter.setServerAuthenticationConverter(authentication);
        certificateFilter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
        certificateFilter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(certificateFilter, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(rules -> rules
                        .pathMatchers("/pki", "/pki/**", "/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/api/v1/openapi.json", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .pathMatchers("/api/v1/admin/**").hasRole(ClientCertificateAuthentication.ADMIN_ROLE)
                        .anyExchange().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((exchange, denied) -> problems.write(exchange, Problem.of(ProblemType.FORBIDDEN,
                                "This client certificate is not an administrator's"))))
                .build();
    }
}
