package fr.cartesagents.ra.security;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.UUID;

/**
 * A live session of the card portal as the authentication sees it: how its holder logged in, and
 * the session's anti-CSRF token (a synchronizer token, kept with the session on the server).
 */
public record PortalSession(Login login, String csrfToken) {

    public PortalSession {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(csrfToken, "csrfToken");
    }

    /** How the session was opened. */
    public sealed interface Login permits CardCertificate, DemoUser {
    }

    /**
     * Opened with the TLS client certificate of the person's card: every request of the session is
     * authenticated as that certificate would be, checked again against our records (so a
     * revocation ends the session on the next request). {@code presentedDirectly}: on the TLS
     * connection itself rather than forwarded by a trusted front; only then can it be an
     * administrator's, as for a request without a session.
     */
    public record CardCertificate(X509Certificate certificate, boolean presentedDirectly) implements Login {

        public CardCertificate {
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /** Opened by the demo login: honoured only while the demo login exists. */
    public record DemoUser(UUID personId, String userName) implements Login {

        public DemoUser {
            Objects.requireNonNull(personId, "personId");
            Objects.requireNonNull(userName, "userName");
        }
    }
}
