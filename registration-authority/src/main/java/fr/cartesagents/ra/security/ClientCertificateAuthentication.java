package fr.cartesagents.ra.security;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

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
 * Authentication by TLS client certificate. The handshake has already checked that the
 * certificate chains to our issuing CA; here the caller is refused if our records say it was
 * revoked, and granted {@code ROLE_ADMIN} if its fingerprint is an administrator's.
 */
final class ClientCertificateAuthentication implements ServerAuthenticationConverter, ReactiveAuthenticationManager {

    static final String ADMIN_ROLE = "ADMIN";

    private final AdministratorRegistry administrators;

    ClientCertificateAuthentication(AdministratorRegistry administrators) {
        this.administrators = administrators;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        SslInfo ssl = exchange.getRequest().getSslInfo();
        if (ssl == null || ssl.getPeerCertificates() == null || ssl.getPeerCertificates().length == 0) {
            return Mono.empty();
        }
        X509Certificate certificate = ssl.getPeerCertificates()[0];
        return Mono.just(new PreAuthenticatedAuthenticationToken(certificate, certificate));
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        X509Certificate certificate = (X509Certificate) authentication.getCredentials();
        CallerPrincipal caller;
        try {
            caller = new CallerPrincipal(CertificateFingerprint.sha256(certificate.getEncoded()),
                    certificate.getSerialNumber(), certificate.getSubjectX500Principal().getName());
        } catch (CertificateEncodingException e) {
            return Mono.error(new BadCredentialsException("Unreadable client certificate"));
        }
        return administrators.isRevoked(caller.serial()).flatMap(revoked -> {
            if (revoked) {
                return Mono.error(new BadCredentialsException("The client certificate is revoked"));
            }
            return administrators.isAdministrator(caller.fingerprintSha256()).map(admin -> {
                var authorities = admin ? List.of(new SimpleGrantedAuthority("ROLE_" + ADMIN_ROLE)) : List.<SimpleGrantedAuthority>of();
                PreAuthenticatedAuthenticationToken authenticated = new PreAuthenticatedAuthenticationToken(caller, certificate, authorities);
                authenticated.setAuthenticated(true);
                return authenticated;
            });
        });
    }
}
