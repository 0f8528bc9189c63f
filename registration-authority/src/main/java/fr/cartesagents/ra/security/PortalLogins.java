package fr.cartesagents.ra.security;

import java.security.cert.X509Certificate;
import java.util.Optional;

import org.springframework.security.core.Authentication;

/**
 * Which portal session login an authenticated request may open: a card certificate (presented on
 * the connection, or forwarded by a trusted front) or a demo user. Bearer tokens other than the
 * demo's do not exist; a request already in a session opens it again with the same login.
 */
public final class PortalLogins {

    private PortalLogins() {
    }

    public static Optional<PortalSession.Login> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof DemoPrincipal demo) {
            return Optional.of(new PortalSession.DemoUser(demo.personId(), demo.userName()));
        }
        if (authentication.getPrincipal() instanceof CallerPrincipal && authentication.getCredentials() instanceof X509Certificate card) {
            boolean direct = !AuthenticationOrigin.TRUSTED_FRONT.equals(authentication.getDetails());
            return Optional.of(new PortalSession.CardCertificate(card, direct));
        }
        return Optional.empty();
    }
}
