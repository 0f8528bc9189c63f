package fr.cartesagents.ra.security;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import reactor.core.publisher.Mono;

/** Lets a handler take the calling {@link Actor} as a parameter. */
final class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    private final Actors actors;

    ActorArgumentResolver(Actors actors) {
        this.actors = actors;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(authentication -> authentication != null && (authentication.getPrincipal() instanceof CallerPrincipal
                        || authentication.getPrincipal() instanceof DemoPrincipal))
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.UNAUTHENTICATED, "security.certificate-required")))
                .flatMap(authentication -> {
                    if (authentication.getPrincipal() instanceof DemoPrincipal demoUser) {
                        return actors.of(demoUser, remoteAddress(exchange));
                    }
                    boolean administrator = isAdministrator(authentication);
                    String origin = authentication.getDetails() instanceof String given ? given
                            : administrator ? AuthenticationOrigin.ADMINISTRATOR_CERTIFICATE : AuthenticationOrigin.CLIENT_CERTIFICATE;
                    return actors.of((CallerPrincipal) authentication.getPrincipal(), administrator, remoteAddress(exchange), origin);
                })
                .cast(Object.class);
    }

    private static java.util.Optional<String> remoteAddress(ServerWebExchange exchange) {
        return java.util.Optional.ofNullable(exchange.getRequest().getRemoteAddress())
                .map(address -> address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress());
    }

    private static boolean isAdministrator(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + ClientCertificateAuthentication.ADMIN_ROLE).equals(authority.getAuthority()));
    }
}
