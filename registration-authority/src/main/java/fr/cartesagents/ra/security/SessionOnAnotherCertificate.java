package fr.cartesagents.ra.security;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A portal session opened with a card's certificate, presented on a connection that shows another
 * client certificate or none (a cookie taken elsewhere): the session has been ended, and the
 * request is refused (401) rather than served as the session's person.
 */
public final class SessionOnAnotherCertificate extends BadCredentialsException {

    private static final long serialVersionUID = 1L;

    public SessionOnAnotherCertificate() {
        super("This portal session was opened with another client certificate than this connection's: it is ended; log in again"
                + " with your card");
    }
}
